package dev.pm.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Scenario 14: the size of the {@code -wal} through a long mixed run on the starter with
 * its defaults, read-only connections always busy: 4 threads of point reads, one 200 ms
 * report after another, and 2 threads writing single rows. The {@code -wal} is sampled
 * every 100 ms; it must stay under the starter's {@code journal_size_limit} (64 MB). The
 * run takes {@code -Dbench.wal-minutes} (default 10) minutes, a few seconds in the smoke
 * run.
 *
 * @author pm-db
 */
public final class WalBound implements Scenario {

	/** The starter's default {@code journal_size_limit}. */
	static final long JOURNAL_SIZE_LIMIT = 64L * 1024 * 1024;

	private static final int READERS = 4;

	private static final int WRITERS = 2;

	@Override
	public String name() {
		return "wal-bound";
	}

	@Override
	public ScenarioResult run(Workspace workspace, Sizes sizes) throws Exception {
		Path database = workspace.newDatabase("wal-bound");
		Path wal = Path.of(database + "-wal");
		Duration duration = sizes.walRun();
		try (ConfigurableApplicationContext context = BenchmarkApplication.startStarter(database,
				Map.of("synchronous", "normal"))) {
			int rows = sizes.rows();
			CountingItems items = new CountingItems(context.getBean(Items.class));
			items.insertBatch(rows);
			AtomicBoolean running = new AtomicBoolean(true);
			LongAdder reads = new LongAdder();
			List<Thread> threads = new ArrayList<>();
			for (int t = 0; t < READERS; t++) {
				long offset = t * 1_000_003L;
				threads.add(start("bench-reader-" + t, running, (n) -> {
					PointReads.expect(items.items().find(PointReads.id(offset + n, rows)), offset + n, rows);
					reads.increment();
				}));
			}
			threads.add(start("bench-report", running,
					(n) -> items.items().holdRead(PointReads.id(n, rows), WritesBesideRead.READ_MILLIS)));
			for (int t = 0; t < WRITERS; t++) {
				long offset = (t + 1) * 1_000_000_007L;
				threads.add(start("bench-writer-" + t, running, (n) -> items.insert(offset + n)));
			}
			// The largest -wal of each tenth of the run, in MB.
			int parts = 10;
			double[] largest = new double[parts];
			long begin = System.nanoTime();
			long end = begin + duration.toNanos();
			while (System.nanoTime() < end) {
				int part = (int) Math.min(parts - 1, (System.nanoTime() - begin) * parts / duration.toNanos());
				largest[part] = Math.max(largest[part], wal.toFile().length() / (1024.0 * 1024));
				Thread.sleep(100);
			}
			running.set(false);
			for (Thread thread : threads) {
				thread.join();
			}
			items.verify("starter");
			Series series = new Series("largest -wal per tenth of the run", "MB", largest, 0);
			double limit = JOURNAL_SIZE_LIMIT / (1024.0 * 1024);
			double overall = Arrays.stream(largest).max().orElse(Double.NaN);
			List<Check> checks = List
				.of(Check.under("mixed run of " + duration.toMinutes() + " min: largest -wal / journal_size_limit",
						new double[] { overall / limit }, 1.0));
			List<String> notes = List.of(String.format(
					"%d point reads, a 200 ms report looping, %d writers; %d reads; largest -wal %.1f MB, at the end %.1f MB",
					READERS, WRITERS, reads.sum(), overall, wal.toFile().length() / (1024.0 * 1024)));
			return new ScenarioResult("14. -wal size through a mixed run with readers always active (lower is better)",
					List.of(series), checks, notes);
		}
	}

	private static Thread start(String name, AtomicBoolean running, Rounds.Operation operation) {
		Thread thread = new Thread(() -> {
			for (long n = 0; running.get(); n++) {
				operation.run(n);
			}
		}, name);
		thread.start();
		return thread;
	}

}
