package dev.pm.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.sqlite.SQLiteJDBCLoader;

import org.springframework.boot.SpringBootVersion;

/**
 * Runs every scenario (or those named on the command line) and prints the results as
 * Markdown.
 * <p>
 * Usage: {@code java -jar benchmarks/target/benchmarks.jar [--smoke] [scenario...]},
 * scenarios
 * {@code writes reads batch concurrency startup process plan backup server fairness
 * writes-beside-read parallel-reads mixed wal-bound replication stalled pragmas}. System
 * properties: {@code bench.dir} (where the databases go, default {@code java.io.tmpdir};
 * a real disk, not tmpfs), {@code pm.sample-app.target} (default
 * {@code sample-app/target}).
 *
 * @author pm-db
 */
public final class BenchmarkMain {

	private BenchmarkMain() {
	}

	/**
	 * Run the benchmarks.
	 * @param args {@code --smoke} for tiny sizes, then the scenarios to run (all by
	 * default)
	 * @throws Exception if a scenario fails
	 */
	public static void main(String[] args) throws Exception {
		List<String> arguments = new ArrayList<>(Arrays.asList(args));
		Sizes sizes = arguments.remove("--smoke") ? Sizes.smoke() : Sizes.full();
		Path sampleApp = Path.of(System.getProperty("pm.sample-app.target", "sample-app/target"));
		Path parent = Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir")));
		List<Scenario> scenarios = new ArrayList<>(scenarios(sampleApp));
		if (!arguments.isEmpty()) {
			scenarios.removeIf((scenario) -> !arguments.contains(scenario.name()));
		}
		long start = System.nanoTime();
		List<ScenarioResult> results = new ArrayList<>();
		try (Workspace workspace = Workspace.createIn(parent)) {
			printEnvironment(workspace);
			for (Scenario scenario : scenarios) {
				System.err.println("running " + scenario.name() + " ...");
				long scenarioStart = System.nanoTime();
				results.add(scenario.run(workspace, sizes));
				System.err.println("  " + scenario.name() + " took "
						+ Duration.ofNanos(System.nanoTime() - scenarioStart).toSeconds() + " s");
			}
		}
		ResultTable.print(results, System.out);
		long checks = results.stream().flatMap((result) -> result.checks().stream()).filter(Check::hasTarget).count();
		long met = results.stream()
			.flatMap((result) -> result.checks().stream())
			.filter((check) -> check.hasTarget() && check.met())
			.count();
		System.out.println();
		System.out.println("Targets met: " + met + " of " + checks + "; whole run "
				+ Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s.");
	}

	/**
	 * Return every scenario, in the order of the issue.
	 * @param sampleAppTarget the sample app's build directory
	 * @return the scenarios
	 */
	public static List<Scenario> scenarios(Path sampleAppTarget) {
		return List.of(new WriteTransactions(), new PointReads(), new BatchInsert(), new Concurrency(),
				new InitializerStartup(), new ProcessStartup(sampleAppTarget), new PlanWork(sampleAppTarget),
				new BackupWhileWriting(), new TeamClaims(sampleAppTarget),
				new PmServerWallTime(sampleAppTarget, pathProperty("pm.baseline.target"), pathProperty("bench.jdk25")),
				new LeaseFairness(pathProperty("pm.baseline.classes")), new WritesBesideRead(),
				new ParallelPointReads(), new MixedReadWrite(), new WalBound(), new ReplicationCost(),
				new StalledClient(sampleAppTarget), new PragmaDefaults());
	}

	private static Path pathProperty(String name) {
		String value = System.getProperty(name);
		return (value != null) ? Path.of(value) : null;
	}

	private static void printEnvironment(Workspace workspace) throws Exception {
		System.out.println("- date: " + LocalDate.now());
		System.out.println("- JDK: " + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name")
				+ " " + Runtime.version());
		System.out.println("- machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
				+ System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", max heap "
				+ Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
		System.out.println("- databases in " + workspace.directory() + " (" + workspace.fileSystemType() + ")");
		System.out.println("- Spring Boot " + SpringBootVersion.getVersion() + ", sqlite-jdbc "
				+ SQLiteJDBCLoader.getVersion() + ", " + jarName(HikariDataSource.class));
		System.out.println();
	}

	private static String jarName(Class<?> type) throws Exception {
		return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName().toString();
	}

}
