package dev.pm.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.pm.bench.Rounds.Sample;
import dev.pm.bench.Rounds.Variant;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Scenario 4: threads running read-then-write transactions (select, then insert), through
 * the starter and through what a Spring Boot user would otherwise configure, a HikariCP
 * pool of 10 on sqlite-jdbc with the driver's defaults and WAL. Reports throughput and
 * failed transactions; the starter's single-thread rate is the reference.
 *
 * @author pm-db
 */
public final class Concurrency implements Scenario {

	/** The share of its single-thread rate the starter must keep under contention. */
	static final double TARGET = 0.8;

	@Override
	public String name() {
		return "concurrency";
	}

	@Override
	public ScenarioResult run(Workspace workspace, Sizes sizes) throws Exception {
		try (ConfigurableApplicationContext starterContext = BenchmarkApplication
			.startStarter(workspace.newDatabase("concurrency-starter"), Map.of("synchronous", "normal"));
				ConfigurableApplicationContext pooledContext = BenchmarkApplication
					.startPooled(workspace.newDatabase("concurrency-pooled"), "normal")) {
			int rows = sizes.rows();
			CountingItems starter = prepare(starterContext.getBean(Items.class), rows);
			CountingItems pooled = prepare(pooledContext.getBean(Items.class), rows);
			ParallelRun pooledRun = new ParallelRun();
			ParallelRun starterRun = new ParallelRun();
			int threads = sizes.threads();
			List<Series> series = sizes.schedule()
				.run(List.of(
						new Variant("starter, 1 thread", "tx/s",
								() -> Rounds.timed(sizes.round(),
										(n) -> starter.findThenInsert(PointReads.id(n, rows)))),
						new Variant("starter, " + threads + " threads", "tx/s",
								() -> concurrently(threads, sizes.round(), starter, rows, starterRun)),
						new Variant("HikariCP pool of 10, " + threads + " threads", "tx/s",
								() -> concurrently(threads, sizes.round(), pooled, rows, pooledRun))));
			starter.verify("starter");
			pooled.verify("pool");
			Series single = series.get(0);
			Series starterConcurrent = series.get(1);
			Series pooledConcurrent = series.get(2);
			List<Check> checks = List.of(
					Check.atLeast("concurrency: starter " + threads + " threads / starter 1 thread",
							starterConcurrent.ratioTo(single), TARGET),
					Check.under("concurrency: failed transactions, starter",
							new double[] { starterConcurrent.failures() }, 1),
					Check.report("concurrency: pool " + threads + " threads / starter 1 thread",
							pooledConcurrent.ratioTo(single)),
					Check.report("concurrency: failed transactions, pool",
							new double[] { pooledConcurrent.failures() }));
			List<String> notes = new ArrayList<>();
			starterRun.describe("starter", notes);
			pooledRun.describe("pool", notes);
			return new ScenarioResult("4. concurrency, read-then-write", series, checks, notes);
		}
	}

	private static CountingItems prepare(Items items, int rows) {
		items.insertBatch(rows);
		return new CountingItems(items);
	}

	private static Sample concurrently(int threads, Duration duration, CountingItems items, int rows, ParallelRun run)
			throws InterruptedException {
		return run.run(threads, duration, (thread, n) -> items.findThenInsert(PointReads.id(n, rows)));
	}

}
