package dev.pm.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

import dev.pm.bench.Rounds.Sample;

/**
 * Threads that all start at once and run one transaction after another for a while;
 * failed transactions are counted by kind, not thrown.
 *
 * @author pm-db
 */
final class ParallelRun {

	private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

	/**
	 * Run {@code operation} on {@code threads} threads for {@code duration}.
	 * @param operation the transaction, given the thread's number and a running number
	 * @return the successful transactions per second, and the failed ones
	 */
	Sample run(int threads, Duration duration, ThreadOperation operation) throws InterruptedException {
		CountDownLatch start = new CountDownLatch(1);
		LongAdder succeeded = new LongAdder();
		LongAdder failed = new LongAdder();
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int thread = t;
			long offset = t * 1_000_003L;
			Thread worker = new Thread(() -> {
				awaitQuietly(start);
				long end = System.nanoTime() + duration.toNanos();
				for (long n = offset; System.nanoTime() < end; n++) {
					try {
						operation.run(thread, n);
						succeeded.increment();
					}
					catch (RuntimeException ex) {
						failed.increment();
						this.failures.computeIfAbsent(summary(ex), (key) -> new LongAdder()).increment();
					}
				}
			}, "bench-worker-" + t);
			worker.start();
			workers.add(worker);
		}
		long begin = System.nanoTime();
		start.countDown();
		for (Thread worker : workers) {
			worker.join();
		}
		return new Sample(succeeded.sum() * 1e9 / (System.nanoTime() - begin), failed.sum());
	}

	/**
	 * Add a note per kind of failed transaction seen in every run so far.
	 */
	void describe(String setup, List<String> notes) {
		new TreeMap<>(this.failures).forEach((kind, count) -> notes
			.add("failed transactions, " + setup + " (all rounds, warm-up included): " + count.sum() + " × " + kind));
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String summary(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = String.valueOf(root.getMessage());
		int end = message.indexOf(')');
		return ex.getClass().getSimpleName() + " caused by "
				+ ((end > 0 && message.startsWith("[")) ? message.substring(0, end + 1) : message);
	}

	/**
	 * One transaction of one thread.
	 */
	@FunctionalInterface
	interface ThreadOperation {

		void run(int thread, long n);

	}

}
