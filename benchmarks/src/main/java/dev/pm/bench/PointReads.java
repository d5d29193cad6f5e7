package dev.pm.bench;

import java.util.List;
import java.util.Map;

import dev.pm.bench.Rounds.Variant;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Scenario 2: point reads, {@code @Transactional(readOnly = true)} select by primary key
 * through the starter against raw sqlite-jdbc (select, {@code commit()}).
 *
 * @author pm-db
 */
public final class PointReads implements Scenario {

	@Override
	public String name() {
		return "reads";
	}

	@Override
	public ScenarioResult run(Workspace workspace, Sizes sizes) throws Exception {
		try (ConfigurableApplicationContext context = BenchmarkApplication
			.startStarter(workspace.newDatabase("reads-starter"), Map.of("synchronous", "normal"));
				ConfigurableApplicationContext uncachedContext = BenchmarkApplication.startStarter(
						workspace.newDatabase("reads-starter-uncached"),
						Map.of("synchronous", "normal", "statement-cache-size", "0"));
				ConfigurableApplicationContext plainContext = BenchmarkApplication
					.startPlainSpring(workspace.newDatabase("reads-plain"), "normal");
				RawItems raw = RawItems.open(workspace.newDatabase("reads-raw"), "normal")) {
			Items starter = context.getBean(Items.class);
			Items uncached = uncachedContext.getBean(Items.class);
			Items plain = plainContext.getBean(Items.class);
			int rows = sizes.rows();
			starter.insertBatch(rows);
			uncached.insertBatch(rows);
			plain.insertBatch(rows);
			raw.insertBatch(rows);
			List<Series> series = sizes.schedule()
				.run(List.of(
						new Variant("starter, read-only", "tx/s",
								() -> Rounds.timed(sizes.round(), (n) -> expect(starter.find(id(n, rows)), n, rows))),
						new Variant(WriteTransactions.UNCACHED + ", read-only", "tx/s",
								() -> Rounds.timed(sizes.round(), (n) -> expect(uncached.find(id(n, rows)), n, rows))),
						new Variant(WriteTransactions.PLAIN_SPRING + ", read-only", "tx/s",
								() -> Rounds.timed(sizes.round(), (n) -> expect(plain.find(id(n, rows)), n, rows))),
						new Variant("raw sqlite-jdbc", "tx/s",
								() -> Rounds.timed(sizes.round(), (n) -> expect(raw.find(id(n, rows)), n, rows)))));
			Series baseline = series.get(3);
			List<Check> checks = List.of(
					Check.atLeast("point reads: starter / raw", series.get(0).ratioTo(baseline),
							WriteTransactions.TARGET),
					Check.report("point reads: starter without statement cache / raw", series.get(1).ratioTo(baseline)),
					Check.report("point reads: plain Spring / raw", series.get(2).ratioTo(baseline)));
			return new ScenarioResult("2. point reads", series, checks, List.of());
		}
	}

	/** Spread the look-ups over the table: 7919 is prime, so every row is hit in turn. */
	static long id(long n, int rows) {
		return (n * 7919) % rows + 1;
	}

	static void expect(String name, long n, int rows) {
		// Batch rows are numbered from 0, ids from 1.
		if (!name.equals(Items.name(id(n, rows) - 1))) {
			throw new IllegalStateException("Read " + name + " for id " + id(n, rows));
		}
	}

}
