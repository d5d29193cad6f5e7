package dev.pm.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.pm.bench.Rounds.Variant;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Scenario 12: point reads ({@code @Transactional(readOnly = true)}) on 1, 2, 4 and 8
 * threads, through the starter with its read-only connections (the default number, and as
 * many as threads), through the starter without them ({@code pm.db.readers=0}), on raw
 * sqlite-jdbc with a connection per thread, and through a HikariCP pool with as many
 * connections as the default readers and with one per thread: what a pool smaller than
 * the number of threads costs without pm-db.
 *
 * @author pm-db
 */
public final class ParallelPointReads implements Scenario {

	static final int[] THREADS = { 1, 2, 4, 8 };

	// Variants per number of threads, in the order they are added.
	static final int VARIANTS = 6;

	// pm.db.readers' default.
	private static final int DEFAULT_READERS = Math.max(2, Runtime.getRuntime().availableProcessors());

	/** The share of raw sqlite-jdbc's rate the starter must reach on several threads. */
	static final double TARGET = 0.9;

	/** The share of the rate before readers the starter must keep on one thread. */
	static final double SINGLE_THREAD_TARGET = 0.95;

	@Override
	public String name() {
		return "parallel-reads";
	}

	@Override
	public ScenarioResult run(Workspace workspace, Sizes sizes) throws Exception {
		int most = THREADS[THREADS.length - 1];
		try (ConfigurableApplicationContext readersContext = BenchmarkApplication
			.startStarter(workspace.newDatabase("parallel-reads-starter"), Map.of("synchronous", "normal"));
				ConfigurableApplicationContext writerOnlyContext = BenchmarkApplication.startStarter(
						workspace.newDatabase("parallel-reads-no-readers"),
						Map.of("synchronous", "normal", "readers", "0"));
				ConfigurableApplicationContext manyReadersContext = BenchmarkApplication.startStarter(
						workspace.newDatabase("parallel-reads-many-readers"),
						Map.of("synchronous", "normal", "readers", Integer.toString(most)));
				ConfigurableApplicationContext fewPooledContext = BenchmarkApplication
					.startPooled(workspace.newDatabase("parallel-reads-pool-few"), "normal", DEFAULT_READERS);
				ConfigurableApplicationContext manyPooledContext = BenchmarkApplication
					.startPooled(workspace.newDatabase("parallel-reads-pool-many"), "normal", most);
				RawConnections raw = RawConnections.open(workspace.newDatabase("parallel-reads-raw"), most)) {
			int rows = sizes.rows();
			Items starter = readersContext.getBean(Items.class);
			Items writerOnly = writerOnlyContext.getBean(Items.class);
			Items manyReaders = manyReadersContext.getBean(Items.class);
			Items fewPooled = fewPooledContext.getBean(Items.class);
			Items manyPooled = manyPooledContext.getBean(Items.class);
			starter.insertBatch(rows);
			writerOnly.insertBatch(rows);
			manyReaders.insertBatch(rows);
			fewPooled.insertBatch(rows);
			manyPooled.insertBatch(rows);
			raw.insertBatch(rows);
			ParallelRun run = new ParallelRun();
			List<Variant> variants = new ArrayList<>();
			for (int threads : THREADS) {
				variants.add(reads("starter, " + threads + " thread(s)", threads, sizes, run,
						(thread, n) -> PointReads.expect(starter.find(PointReads.id(n, rows)), n, rows)));
				variants.add(reads("starter, pm.db.readers=0, " + threads + " thread(s)", threads, sizes, run,
						(thread, n) -> PointReads.expect(writerOnly.find(PointReads.id(n, rows)), n, rows)));
				variants.add(reads("raw sqlite-jdbc, a connection per thread, " + threads + " thread(s)", threads,
						sizes, run,
						(thread, n) -> PointReads.expect(raw.reader(thread).find(PointReads.id(n, rows)), n, rows)));
				variants.add(reads("starter, pm.db.readers=" + most + ", " + threads + " thread(s)", threads, sizes,
						run, (thread, n) -> PointReads.expect(manyReaders.find(PointReads.id(n, rows)), n, rows)));
				variants.add(reads("HikariCP pool of " + DEFAULT_READERS + ", " + threads + " thread(s)", threads,
						sizes, run, (thread, n) -> PointReads.expect(fewPooled.find(PointReads.id(n, rows)), n, rows)));
				variants.add(reads("HikariCP pool of " + most + ", " + threads + " thread(s)", threads, sizes, run,
						(thread, n) -> PointReads.expect(manyPooled.find(PointReads.id(n, rows)), n, rows)));
			}
			List<Series> series = sizes.schedule().run(variants);
			List<Check> checks = new ArrayList<>();
			checks.add(Check.atLeast("point reads, 1 thread: starter / starter with pm.db.readers=0",
					series.get(0).ratioTo(series.get(1)), SINGLE_THREAD_TARGET));
			checks.add(Check.report("point reads, 1 thread: starter / raw", series.get(0).ratioTo(series.get(2))));
			for (int i = 1; i < THREADS.length; i++) {
				Series readers = series.get(VARIANTS * i);
				Series writerOnlySeries = series.get(VARIANTS * i + 1);
				Series rawSeries = series.get(VARIANTS * i + 2);
				checks.add(Check.atLeast("point reads, " + THREADS[i] + " threads: starter / raw",
						readers.ratioTo(rawSeries), TARGET));
				checks.add(Check.report("point reads, " + THREADS[i] + " threads: starter with pm.db.readers=0 / raw",
						writerOnlySeries.ratioTo(rawSeries)));
				checks.add(Check.report(
						"point reads, " + THREADS[i] + " threads: starter with pm.db.readers=" + most + " / raw",
						series.get(VARIANTS * i + 3).ratioTo(rawSeries)));
				// What any pool smaller than the number of threads costs, pm-db aside.
				checks.add(Check.report(
						"point reads, " + THREADS[i] + " threads: HikariCP pool of " + DEFAULT_READERS
								+ " / HikariCP pool of " + most,
						series.get(VARIANTS * i + 4).ratioTo(series.get(VARIANTS * i + 5))));
				checks.add(Check.report(
						"point reads, " + THREADS[i] + " threads: starter / HikariCP pool of " + DEFAULT_READERS,
						readers.ratioTo(series.get(VARIANTS * i + 4))));
			}
			checks.add(Check.under("point reads: failed transactions, starter",
					new double[] { series.stream().mapToLong(Series::failures).sum() }, 1));
			List<String> notes = new ArrayList<>();
			run.describe("any setup", notes);
			return new ScenarioResult("12. point reads on several threads", series, checks, notes);
		}
	}

	private static Variant reads(String name, int threads, Sizes sizes, ParallelRun run,
			ParallelRun.ThreadOperation read) {
		return new Variant(name, "tx/s", () -> run.run(threads, sizes.round(), read));
	}

}
