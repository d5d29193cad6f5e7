package dev.pm.bench;

import java.util.List;
import java.util.Map;

import dev.pm.bench.Rounds.Sample;
import dev.pm.bench.Rounds.Variant;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Scenario 3: a batch insert in one transaction, {@code batchUpdate} through the starter
 * against raw {@code addBatch}/{@code executeBatch}.
 *
 * @author pm-db
 */
public final class BatchInsert implements Scenario {

	@Override
	public String name() {
		return "batch";
	}

	@Override
	public ScenarioResult run(Workspace workspace, Sizes sizes) throws Exception {
		try (ConfigurableApplicationContext context = BenchmarkApplication
			.startStarter(workspace.newDatabase("batch-starter"), Map.of("synchronous", "normal"));
				RawItems raw = RawItems.open(workspace.newDatabase("batch-raw"), "normal")) {
			CountingItems starter = new CountingItems(context.getBean(Items.class));
			CountingItems baseline = new CountingItems(raw);
			int rows = sizes.batchRows();
			List<Series> series = sizes.schedule()
				.run(List.of(new Variant("starter, batchUpdate of " + rows, "rows/s", () -> batch(starter, rows)),
						new Variant("raw sqlite-jdbc, executeBatch of " + rows, "rows/s",
								() -> batch(baseline, rows))));
			starter.verify("starter");
			baseline.verify("raw");
			Check check = Check.atLeast("batch insert: starter / raw", series.get(0).ratioTo(series.get(1)),
					WriteTransactions.TARGET);
			return new ScenarioResult("3. batch insert, one transaction", series, List.of(check), List.of());
		}
	}

	private static Sample batch(CountingItems items, int rows) {
		long start = System.nanoTime();
		items.insertBatch(rows);
		return new Sample(rows * 1e9 / (System.nanoTime() - start), 0);
	}

}
