package dev.pm.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pm.bench.Rounds.Variant;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scenario 17: what {@code mmap_size} and {@code cache_size} buy, to choose pm-db's
 * defaults by measurement (issue 22): point reads spread over a database many times
 * larger than SQLite's default page cache (2 MiB), and single-row writes into it, through
 * the starter with SQLite's defaults against the same with Rails 8's choices (128 MiB of
 * memory-mapped I/O, a cache of 2,000 pages) alone and together, each on its own copy of
 * one database.
 *
 * @author pm-db
 */
public final class PragmaDefaults implements Scenario {

	private static final String DEFAULTS = "SQLite's defaults (no mmap, cache_size=-2000)";

	private static final Map<String, Map<String, String>> VARIANTS = variants();

	@Override
	public String name() {
		return "pragmas";
	}

	@Override
	public ScenarioResult run(Workspace workspace, Sizes sizes) throws Exception {
		Path original = workspace.newDatabase("pragmas-original");
		long bytes = InitializerStartup.fill(original, 5_000, sizes.largeDatabaseBytes());
		List<ConfigurableApplicationContext> contexts = new ArrayList<>();
		try {
			List<Variant> variants = new ArrayList<>();
			List<Variant> writes = new ArrayList<>();
			for (Map.Entry<String, Map<String, String>> variant : VARIANTS.entrySet()) {
				Path copy = workspace.newDatabase("pragmas-" + contexts.size());
				Files.copy(original, copy);
				Map<String, String> properties = new LinkedHashMap<>(variant.getValue());
				properties.put("synchronous", "normal");
				ConfigurableApplicationContext context = BenchmarkApplication.startStarter(copy, properties);
				contexts.add(context);
				Items items = context.getBean(Items.class);
				long rows = context.getBean(JdbcTemplate.class).queryForObject("SELECT max(id) FROM item", Long.class);
				variants.add(new Variant(variant.getKey() + ", point reads", "tx/s", () -> Rounds.timed(sizes.round(),
						(n) -> expect(items.find(PointReads.id(n, (int) rows)), n, (int) rows))));
				writes.add(new Variant(variant.getKey() + ", single-row writes", "tx/s",
						() -> Rounds.timed(sizes.round(), items::insert)));
			}
			variants.addAll(writes);
			List<Series> series = sizes.schedule().run(variants);
			int count = VARIANTS.size();
			List<Check> checks = new ArrayList<>();
			List<String> names = new ArrayList<>(VARIANTS.keySet());
			for (int i = 1; i < count; i++) {
				checks.add(Check.report("point reads: " + names.get(i) + " / defaults",
						series.get(i).ratioTo(series.get(0))));
				checks.add(Check.report("single-row writes: " + names.get(i) + " / defaults",
						series.get(count + i).ratioTo(series.get(count))));
			}
			return new ScenarioResult("17. mmap_size and cache_size", series, checks,
					List.of("each variant on its own copy of a " + Math.round(bytes / (1024.0 * 1024))
							+ " MB database of 1 kB rows"));
		}
		finally {
			contexts.forEach(ConfigurableApplicationContext::close);
		}
	}

	private static Map<String, Map<String, String>> variants() {
		Map<String, Map<String, String>> variants = new LinkedHashMap<>();
		variants.put(DEFAULTS, Map.of());
		variants.put("mmap_size=128 MiB", Map.of("pragmas.mmap_size", Long.toString(128L * 1024 * 1024)));
		variants.put("cache_size=2000 pages", Map.of("pragmas.cache_size", "2000"));
		variants.put("both (Rails 8)",
				Map.of("pragmas.mmap_size", Long.toString(128L * 1024 * 1024), "pragmas.cache_size", "2000"));
		return variants;
	}

	// The filled rows' names are the item's name followed by a payload.
	private static void expect(String name, long n, int rows) {
		if (!name.startsWith(Items.name(PointReads.id(n, rows) - 1) + "x")) {
			throw new IllegalStateException("Read " + name + " for id " + PointReads.id(n, rows));
		}
	}

}
