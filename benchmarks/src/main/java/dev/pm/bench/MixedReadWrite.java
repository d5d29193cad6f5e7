package dev.pm.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.pm.bench.Rounds.Sample;
import dev.pm.bench.Rounds.Variant;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Scenario 13: 8 threads, each transaction a point read (90 %) or a single-row write (10
 * %), through the starter with its read-only connections, through the starter without
 * them ({@code pm.db.readers=0}), and on raw sqlite-jdbc with one writer connection under
 * a lock and a reader connection per thread. Reports throughput, failed transactions and
 * the 99th percentile of the writes.
 *
 * @author pm-db
 */
public final class MixedReadWrite implements Scenario {

	static final int THREADS = 8;

	/** The share of raw sqlite-jdbc's throughput the starter must reach. */
	static final double TARGET = 0.9;

	@Override
	public String name() {
		return "mixed";
	}

	@Override
	public ScenarioResult run(Workspace workspace, Sizes sizes) throws Exception {
		try (ConfigurableApplicationContext readersContext = BenchmarkApplication
			.startStarter(workspace.newDatabase("mixed-starter"), Map.of("synchronous", "normal"));
				ConfigurableApplicationContext writerOnlyContext = BenchmarkApplication.startStarter(
						workspace.newDatabase("mixed-no-readers"), Map.of("synchronous", "normal", "readers", "0"));
				RawConnections raw = RawConnections.open(workspace.newDatabase("mixed-raw"), THREADS)) {
			int rows = sizes.rows();
			CountingItems starter = prepare(readersContext.getBean(Items.class), rows);
			CountingItems writerOnly = prepare(writerOnlyContext.getBean(Items.class), rows);
			raw.insertBatch(rows);
			ParallelRun starterRun = new ParallelRun();
			ParallelRun writerOnlyRun = new ParallelRun();
			ParallelRun rawRun = new ParallelRun();
			List<List<Double>> writeP99 = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
			List<Series> series = sizes.schedule()
				.run(List.of(
						mixed("starter, " + THREADS + " threads", sizes, starterRun, writeP99.get(0), starter::insert,
								(thread, id) -> starter.items().find(id), rows),
						mixed("starter, pm.db.readers=0, " + THREADS + " threads", sizes, writerOnlyRun,
								writeP99.get(1), writerOnly::insert, (thread, id) -> writerOnly.items().find(id), rows),
						mixed("raw sqlite-jdbc, writer + a reader connection per thread, " + THREADS + " threads",
								sizes, rawRun, writeP99.get(2), raw::insert,
								(thread, id) -> raw.reader(thread).find(id), rows)));
			starter.verify("starter");
			writerOnly.verify("starter without readers");
			List<Series> all = new ArrayList<>(series);
			String[] names = { "starter", "starter, pm.db.readers=0", "raw sqlite-jdbc" };
			for (int i = 0; i < names.length; i++) {
				all.add(new Series("write p99, " + names[i], "ms",
						writeP99.get(i).stream().mapToDouble(Double::doubleValue).toArray(), 0));
			}
			List<Check> checks = List.of(
					Check.atLeast("90/10, " + THREADS + " threads: starter / raw", series.get(0).ratioTo(series.get(2)),
							TARGET),
					Check.report("90/10, " + THREADS + " threads: starter with pm.db.readers=0 / raw",
							series.get(1).ratioTo(series.get(2))),
					Check.under("90/10: write p99, starter / starter with pm.db.readers=0",
							all.get(3).ratioTo(all.get(4)), 1.0),
					Check.under("90/10: failed transactions, starter", new double[] { series.get(0).failures() }, 1));
			List<String> notes = new ArrayList<>();
			starterRun.describe("starter", notes);
			writerOnlyRun.describe("starter, pm.db.readers=0", notes);
			rawRun.describe("raw", notes);
			return new ScenarioResult("13. " + THREADS + " threads, 90 % point reads / 10 % writes", all, checks,
					notes);
		}
	}

	private static CountingItems prepare(Items items, int rows) {
		items.insertBatch(rows);
		return new CountingItems(items);
	}

	// p99s: each round's write p99 is added to it.
	private static Variant mixed(String name, Sizes sizes, ParallelRun run, List<Double> p99s,
			WritesBesideRead.Write write, Read read, int rows) {
		return new Variant(name, "tx/s", () -> {
			Latencies[] writes = new Latencies[THREADS];
			for (int t = 0; t < THREADS; t++) {
				writes[t] = new Latencies();
			}
			Sample sample = run.run(THREADS, sizes.round(), (thread, n) -> {
				if (n % 10 == 0) {
					long start = System.nanoTime();
					write.insert(n);
					writes[thread].record(System.nanoTime() - start);
				}
				else {
					PointReads.expect(read.find(thread, PointReads.id(n, rows)), n, rows);
				}
			});
			Latencies merged = new Latencies();
			for (Latencies latencies : writes) {
				merged.addAll(latencies);
			}
			p99s.add(merged.percentileMillis(99));
			return sample;
		});
	}

	@FunctionalInterface
	interface Read {

		String find(int thread, long id);

	}

}
