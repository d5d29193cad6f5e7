package dev.pm.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scenario 5a: the {@code DatabaseInitializer} on a fresh file, on an up-to-date small
 * database, and on a large database with {@code integrity-check} {@code full},
 * {@code quick} and {@code none}. Each measurement is a new JVM ({@link StartupProbe})
 * that starts the application twice: the first start is what a process pays, the second
 * the initializer's own work once classes are loaded.
 *
 * @author pm-db
 */
public final class InitializerStartup implements Scenario {

	/** The target for an up-to-date small database, in milliseconds. */
	static final double TARGET_MILLIS = 50;

	private static final int PAYLOAD = 1000;

	@Override
	public String name() {
		return "startup";
	}

	@Override
	public ScenarioResult run(Workspace workspace, Sizes sizes) throws Exception {
		Path small = workspace.newDatabase("startup-small");
		fill(small, 100, 0);
		Path large = workspace.newDatabase("startup-large");
		long largeBytes = fill(large, 5_000, sizes.largeDatabaseBytes());
		List<Case> cases = List.of(
				new Case("fresh file", "full",
						(round) -> List.of(workspace.newDatabase("fresh-" + round + "-a"),
								workspace.newDatabase("fresh-" + round + "-b"))),
				new Case("up-to-date small database", "full", (round) -> List.of(small, small)),
				new Case(megabytes(largeBytes) + " database, integrity-check=full, unchanged since its clean close",
						"full", (round) -> List.of(large, large)),
				new Case(megabytes(largeBytes) + " database, integrity-check=full, no record of a clean close", "full",
						(round) -> List.of(withoutCleanCloseRecord(large), large)),
				new Case(megabytes(largeBytes) + " database, integrity-check=quick", "quick",
						(round) -> List.of(large, large)),
				new Case(megabytes(largeBytes) + " database, integrity-check=none", "none",
						(round) -> List.of(large, large)));
		List<List<Double>> first = new ArrayList<>();
		List<List<Double>> second = new ArrayList<>();
		cases.forEach((each) -> {
			first.add(new ArrayList<>());
			second.add(new ArrayList<>());
		});
		for (int round = 0; round < sizes.startupRounds(); round++) {
			for (int i = 0; i < cases.size(); i++) {
				int index = (round % 2 == 0) ? i : cases.size() - 1 - i;
				Case each = cases.get(index);
				List<String> args = new ArrayList<>(List.of(each.integrityCheck()));
				each.paths().apply(round).forEach((path) -> args.add(path.toString()));
				List<Long> nanos = ChildProcess.java(StartupProbe.class, args).numbersAfter(StartupProbe.OUTPUT);
				if (nanos.size() != 2 || nanos.contains(-1L)) {
					throw new IllegalStateException("The start-up probe did not time two initializers: " + nanos);
				}
				first.get(index).add(nanos.get(0) / 1e6);
				second.get(index).add(nanos.get(1) / 1e6);
			}
		}
		List<Series> series = new ArrayList<>();
		for (int i = 0; i < cases.size(); i++) {
			series.add(new Series(cases.get(i).label() + ", first start in a JVM", "ms", toArray(first.get(i)), 0));
			series.add(new Series(cases.get(i).label() + ", second start", "ms", toArray(second.get(i)), 0));
		}
		List<Check> checks = List.of(
				Check.under("initializer, up-to-date small database, first start in a JVM (ms)", series.get(2).values(),
						TARGET_MILLIS),
				Check.under("initializer, up-to-date small database, second start (ms)", series.get(3).values(),
						TARGET_MILLIS),
				// The whole initializer, so at most what the integrity check costs.
				Check.under("initializer, " + megabytes(largeBytes) + " database unchanged since its clean close,"
						+ " second start (ms)", series.get(5).values(), TARGET_MILLIS));
		return new ScenarioResult("5a. start-up: DatabaseInitializer (lower is better)", series, checks,
				List.of("each round is a new JVM (" + ChildProcess.javaExecutable()
						+ ") starting the application twice;" + " the large database is " + largeBytes
						+ " bytes, in the page cache"));
	}

	/**
	 * Create a database through the starter (so its schema history is up to date) and
	 * fill it with rows of about a kilobyte, in batches, until it holds {@code rows} rows
	 * and is at least {@code bytes} large.
	 */
	static long fill(Path database, int rows, long bytes) throws IOException {
		try (ConfigurableApplicationContext context = BenchmarkApplication.startStarter(database,
				Map.of("synchronous", "normal"))) {
			JdbcTemplate jdbcTemplate = context.getBean(JdbcTemplate.class);
			TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
			String payload = "x".repeat(PAYLOAD);
			long n = 0;
			do {
				long from = n;
				List<Object[]> batch = new ArrayList<>();
				for (int i = 0; i < rows; i++) {
					batch.add(new Object[] { Items.name(from + i) + payload, from + i });
				}
				transactions.executeWithoutResult((status) -> jdbcTemplate.batchUpdate(Items.INSERT, batch));
				n += rows;
				jdbcTemplate.execute("PRAGMA wal_checkpoint(TRUNCATE)");
			}
			while (Files.size(database) < bytes);
			return Files.size(database);
		}
	}

	// As after a crash: the first start scans the file; its clean close lets the second
	// skip.
	private static Path withoutCleanCloseRecord(Path database) {
		try {
			Files.deleteIfExists(database.resolveSibling(database.getFileName() + "-pmdb"));
			return database;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String megabytes(long bytes) {
		return Math.round(bytes / (1024.0 * 1024)) + " MB";
	}

	private static double[] toArray(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).toArray();
	}

	private record Case(String label, String integrityCheck, IntFunction<List<Path>> paths) {
	}

}
