package dev.pm.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.pm.db.jdbc.LeaseListener;
import dev.pm.db.jdbc.SqliteDataSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.CannotAcquireLockException;

/**
 * One round of scenario 10 in a JVM of its own, so that the same code runs against the
 * lease of this build and against a baseline build put first on the class path: many
 * threads running single-row write transactions through the starter for a while. Prints
 * {@code tx/s}, {@code timeouts}, {@code max-wait-us} and {@code mean-hold-us} lines.
 * <p>
 * Arguments: database file, threads, seconds.
 *
 * @author pm-db
 */
public final class LeaseFairnessRun {

	private LeaseFairnessRun() {
	}

	public static void main(String[] args) throws Exception {
		Path database = Path.of(args[0]);
		int threads = Integer.parseInt(args[1]);
		long nanos = (long) (Double.parseDouble(args[2]) * 1e9);
		try (ConfigurableApplicationContext context = BenchmarkApplication.startStarter(database,
				Map.of("synchronous", "normal", "lease.leak-warning", "0"))) {
			Items items = context.getBean(Items.class);
			AtomicLong maxWait = new AtomicLong();
			AtomicLong maxWaitWarm = new AtomicLong();
			// Set when the workers start: waits that end a second or more after it are
			// also recorded apart, to tell the first round of cold code from the rest.
			AtomicLong warmFrom = new AtomicLong();
			LongAdder held = new LongAdder();
			LongAdder holds = new LongAdder();
			context.getBean(SqliteDataSource.class).setLeaseListener(new LeaseListener() {

				@Override
				public void taken(long waitedNanos) {
					maxWait.accumulateAndGet(waitedNanos, Math::max);
					long from = warmFrom.get();
					if (from != 0 && System.nanoTime() - from > 0) {
						maxWaitWarm.accumulateAndGet(waitedNanos, Math::max);
					}
				}

				@Override
				public void released(long heldNanos) {
					held.add(heldNanos);
					holds.increment();
				}

			});
			LongAdder done = new LongAdder();
			LongAdder timeouts = new LongAdder();
			CountDownLatch start = new CountDownLatch(1);
			List<Thread> workers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				long offset = t * 1_000_003L;
				Thread worker = new Thread(() -> {
					try {
						start.await();
					}
					catch (InterruptedException ex) {
						return;
					}
					long end = System.nanoTime() + nanos;
					for (long n = offset; System.nanoTime() < end; n++) {
						try {
							items.insert(n);
							done.increment();
						}
						catch (CannotAcquireLockException ex) {
							timeouts.increment();
						}
					}
				});
				worker.start();
				workers.add(worker);
			}
			long begin = System.nanoTime();
			warmFrom.set(begin + 1_000_000_000L);
			start.countDown();
			for (Thread worker : workers) {
				worker.join();
			}
			long elapsed = System.nanoTime() - begin;
			long inserted = items.count();
			if (inserted != done.sum()) {
				throw new IllegalStateException(inserted + " rows for " + done.sum() + " acknowledged inserts");
			}
			System.out.println("tx/s " + Math.round(done.sum() * 1e9 / elapsed));
			System.out.println("timeouts " + timeouts.sum());
			System.out.println("max-wait-us " + maxWait.get() / 1000);
			System.out.println("max-wait-after-1s-us " + maxWaitWarm.get() / 1000);
			System.out.println("mean-hold-us " + held.sum() / Math.max(1, holds.sum()) / 1000);
		}
	}

}
