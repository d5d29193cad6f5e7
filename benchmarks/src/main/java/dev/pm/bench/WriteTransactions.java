package dev.pm.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.pm.bench.Rounds.Variant;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Scenario 1: single-row write transactions, {@code @Transactional} +
 * {@code JdbcTemplate} through the starter against raw sqlite-jdbc ({@code insert},
 * {@code commit()}), with {@code synchronous=normal} and {@code full}.
 *
 * @author pm-db
 */
public final class WriteTransactions implements Scenario {

	/** The target for {@code synchronous=normal}, where the starter's overhead shows. */
	static final double TARGET = 0.90;

	/**
	 * What Spring alone costs: its transactions and templates on one plain connection.
	 */
	static final String PLAIN_SPRING = "plain Spring, SingleConnectionDataSource (no pm-db)";

	/** The starter with pm.db.statement-cache-size=0: what the statement cache buys. */
	static final String UNCACHED = "starter, statement cache off";

	@Override
	public String name() {
		return "writes";
	}

	@Override
	public ScenarioResult run(Workspace workspace, Sizes sizes) throws Exception {
		List<Series> series = new ArrayList<>();
		List<Check> checks = new ArrayList<>();
		for (String synchronous : List.of("normal", "full")) {
			try (ConfigurableApplicationContext context = BenchmarkApplication.startStarter(
					workspace.newDatabase("writes-starter-" + synchronous), Map.of("synchronous", synchronous));
					ConfigurableApplicationContext uncachedContext = BenchmarkApplication.startStarter(
							workspace.newDatabase("writes-starter-uncached-" + synchronous),
							Map.of("synchronous", synchronous, "statement-cache-size", "0"));
					ConfigurableApplicationContext plainContext = BenchmarkApplication
						.startPlainSpring(workspace.newDatabase("writes-plain-" + synchronous), synchronous);
					RawItems raw = RawItems.open(workspace.newDatabase("writes-raw-" + synchronous), synchronous)) {
				CountingItems starter = new CountingItems(context.getBean(Items.class));
				CountingItems uncached = new CountingItems(uncachedContext.getBean(Items.class));
				CountingItems plain = new CountingItems(plainContext.getBean(Items.class));
				CountingItems baseline = new CountingItems(raw);
				List<Series> measured = sizes.schedule()
					.run(List.of(
							new Variant("starter, synchronous=" + synchronous, "tx/s",
									() -> Rounds.timed(sizes.round(), starter::insert)),
							new Variant(UNCACHED + ", synchronous=" + synchronous, "tx/s",
									() -> Rounds.timed(sizes.round(), uncached::insert)),
							new Variant(PLAIN_SPRING + ", synchronous=" + synchronous, "tx/s",
									() -> Rounds.timed(sizes.round(), plain::insert)),
							new Variant("raw sqlite-jdbc, synchronous=" + synchronous, "tx/s",
									() -> Rounds.timed(sizes.round(), baseline::insert))));
				starter.verify("starter");
				uncached.verify("starter without statement cache");
				plain.verify("plain Spring");
				baseline.verify("raw");
				series.addAll(measured);
				Series rawSeries = measured.get(3);
				double[] ratios = measured.get(0).ratioTo(rawSeries);
				String label = "writes, synchronous=" + synchronous + ": starter / raw";
				checks.add(synchronous.equals("normal") ? Check.atLeast(label, ratios, TARGET)
						: Check.report(label, ratios));
				checks
					.add(Check.report("writes, synchronous=" + synchronous + ": starter without statement cache / raw",
							measured.get(1).ratioTo(rawSeries)));
				checks.add(Check.report("writes, synchronous=" + synchronous + ": plain Spring / raw",
						measured.get(2).ratioTo(rawSeries)));
			}
		}
		return new ScenarioResult("1. single-row write transactions", series, checks, List.of());
	}

}
