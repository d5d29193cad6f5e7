package dev.pm.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged {@code pm.jar}, run as users run it: a child JVM, a temporary {@code PM_DB_PATH},
 * checked by its output and exit code.
 */
class PmJarIT {

	private static final Path JAR = Path.of(System.getProperty("pm.jar", "target/pm.jar"));

	private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

	@TempDir
	Path directory;

	private Path database;

	@BeforeEach
	void databaseInATemporaryDirectory() {
		this.database = this.directory.resolve("home/.pm/pm.db");
	}

	@Test
	void importsInterdependentDocumentsGivenInReverseDependencyOrder() throws Exception {
		Path first = document("T-E07-F02-001", "completed");
		Path second = document("T-E07-F02-002", "in_progress", "T-E07-F02-001");
		Path third = document("T-E07-F02-003", "todo", "T-E07-F02-001", "T-E07-F02-002");

		Run imported = pm("task", "import", third.toString(), second.toString(), first.toString());
		Run list = pm("task", "list", "--json");

		assertThat(imported.exitCode()).isZero();
		assertThat(imported.err()).isEmpty();
		assertThat(imported.out()).isEqualTo("Imported 3 tasks: 3 new, 0 updated; created E07, E07-F02.\n");
		assertThat(list.exitCode()).isZero();
		assertThat(list.out()).contains("\"key\" : \"T-E07-F02-003\"", "\"status\" : \"in_progress\"",
				"\"feature\" : \"E07-F02\"", "\"title\" : \"Task T-E07-F02-003\"")
			.containsPattern("\"dependsOn\" : \\[ \"T-E07-F02-001\", \"T-E07-F02-002\" \\]");
	}

	@Test
	void aFailedImportLeavesNothingBehind() throws Exception {
		Path good = document("T-E07-F02-001", "todo");
		Path bad = document("T-E07-F02-002", "todo", "T-E07-F02-099");

		Run failed = pm("task", "import", good.toString(), bad.toString());
		Run features = pm("feature", "list", "--json");
		Run tasks = pm("task", "list");

		assertThat(failed.exitCode()).isEqualTo(1);
		assertThat(failed.out()).isEmpty();
		assertThat(failed.err()).isEqualTo("pm: " + bad + ": task T-E07-F02-002 depends on T-E07-F02-099, which is "
				+ "neither in the database nor in this import\n");
		assertThat(features.out()).isEqualTo("[ ]\n");
		assertThat(tasks.out()).isEqualTo("No tasks.\n");
	}

	@Test
	void usageErrorsExitWithTwoAndOneLineWithoutStartingSpring() throws Exception {
		Run run = pm("task", "list", "--status", "finished");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.out()).isEmpty();
		assertThat(run.err()).startsWith("pm: Invalid value for option '--status': unknown status 'finished'")
			.hasLineCount(1);
		assertThat(this.database).doesNotExist();
	}

	@Test
	void demoRunsOnATemporaryDatabaseAndLeavesTheConfiguredOneAlone() throws Exception {
		Run demo = pm("demo");

		assertThat(demo.exitCode()).isZero();
		assertThat(demo.err()).isEmpty();
		assertThat(demo.out()).contains("== 3. A transaction that fails half-way is rolled back ==",
				"pm: task T-E01-F01-002 cannot be completed: it depends on T-E01-F01-001, not completed yet",
				"pm: feature E01-F01 still has 2 tasks; delete or move them first", "integrity       ok")
			.doesNotContain("expected this to", "Exception");
		assertThat(this.database).doesNotExist();
	}

	@Test
	void theLauncherScriptBesideTheJarRunsPmWithNothingButItsOutput() throws Exception {
		Run run = run(List.of("sh", JAR.resolveSibling("pm").toString(), "epic", "list"));

		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).isEqualTo("No epics.\n");
		assertThat(run.err()).isEmpty();
	}

	private Run pm(String... args) throws IOException, InterruptedException {
		// C1 only, as the pm launcher script runs it: about a third less wall time for a short run.
		List<String> command = new ArrayList<>(List.of(JAVA, "-XX:TieredStopAtLevel=1", "-jar", JAR.toString()));
		command.addAll(List.of(args));
		return run(command);
	}

	private Run run(List<String> command) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.directory.toFile());
		builder.environment().put("PM_DB_PATH", this.database.toString());
		Path out = this.directory.resolve("stdout");
		Path err = this.directory.resolve("stderr");
		Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("pm finished within a minute").isTrue();
		return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
	}

	private Path document(String key, String status, String... dependsOn) throws IOException {
		StringBuilder dependencies = new StringBuilder();
		for (String dependency : dependsOn) {
			dependencies.append("\n  - ").append(dependency);
		}
		return Files.writeString(this.directory.resolve(key + ".md"), """
				---
				task_key: %s
				status: %s
				feature: plan/E07-mobile/E07-F02-sync-engine
				dependencies:%s
				estimated_time: 6 hours
				---
				# PRP: Task %s
				""".formatted(key, status, dependencies, key));
	}

	private record Run(int exitCode, String out, String err) {
	}

}
