package dev.pm.cli.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.pm.cli.TestDatabase;
import dev.pm.cli.command.InProcessPm.Run;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pm task import} of the documents real plans have, on SQLite and PostgreSQL:
 * every refused document reported in one run, files that are no task documents skipped.
 */
class ImportCommandTests {

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void everyRefusedDocumentIsALineOfItsOwnThenASummaryAndNothingIsImported(TestDatabase database) throws Exception {
		Path good = document("T-E01-F01-001.md", "task_key: T-E01-F01-001\nfeature: E01-F01");
		Path badStatus = document("T-E01-F01-002.md", "task_key: T-E01-F01-002\nfeature: E01-F01\nstatus: begun");
		Path badPriority = document("T-E01-F01-003.md", "task_key: T-E01-F01-003\nfeature: E01-F01\npriority: 11");
		try (InProcessPm pm = InProcessPm.on(database, this.directory, Map.of())) {
			Run run = pm.run("task", "import", good.toString(), badStatus.toString(), badPriority.toString());

			assertThat(run.exitCode()).isEqualTo(1);
			assertThat(run.out()).isEmpty();
			assertThat(run.err().lines()).satisfiesExactly(
					(line) -> assertThat(line).startsWith("pm: " + badStatus + ":4: unknown status 'begun'"),
					(line) -> assertThat(line)
						.startsWith("pm: " + badPriority + ":4: 'priority' must be a whole number"),
					(line) -> assertThat(line).isEqualTo("pm: 2 problems; nothing was imported"));
			assertThat(pm.json("task", "list", "--json").get("count").asInt()).isZero();
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aMalformedDocumentAndAMissingDependencyAreReportedInTheSameRun(TestDatabase database) throws Exception {
		Path good = document("T-E01-F01-001.md", "task_key: T-E01-F01-001\nfeature: E01-F01");
		Path badStatus = document("T-E01-F01-002.md", "task_key: T-E01-F01-002\nfeature: E01-F01\nstatus: begun");
		Path missing = document("T-E01-F01-003.md",
				"task_key: T-E01-F01-003\nfeature: E01-F01\ndependencies: [T-E01-F01-099]");
		Path onTheMalformed = document("T-E01-F01-004.md",
				"task_key: T-E01-F01-004\nfeature: E01-F01\ndependencies: [T-E01-F01-002.md]");
		try (InProcessPm pm = InProcessPm.on(database, this.directory, Map.of())) {
			Run run = pm.run("task", "import", good.toString(), badStatus.toString(), missing.toString(),
					onTheMalformed.toString());

			assertThat(run.exitCode()).isEqualTo(1);
			assertThat(run.out()).isEmpty();
			assertThat(run.err().lines()).satisfiesExactly(
					(line) -> assertThat(line).startsWith("pm: " + badStatus + ":4: unknown status 'begun'"),
					(line) -> assertThat(line).isEqualTo("pm: " + missing
							+ ": task T-E01-F01-003 depends on T-E01-F01-099, which is neither in the database nor in "
							+ "this import"),
					(line) -> assertThat(line).isEqualTo("pm: 2 problems; nothing was imported"));
			assertThat(pm.json("task", "list", "--json").get("count").asInt()).isZero();
			assertThat(pm.json("history", "--json").get("count").asInt()).isZero();
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void filesThatAreNoTaskDocumentsAreSkippedAndNamed(TestDatabase database) throws Exception {
		Path task = document("T-E01-F01-001.md", "task_key: t-e01-f01-001\nstatus: created\nfeature: E01-F01");
		Path readme = Files.writeString(this.directory.resolve("README.md"), "# The plan\n");
		try (InProcessPm pm = InProcessPm.on(database, this.directory, Map.of())) {
			Run run = pm.run("task", "import", task.toString(), readme.toString());
			JsonNode again = pm.json("task", "import", this.directory.toString(), "--json");

			assertThat(run.exitCode()).as(run.err()).isZero();
			assertThat(run.out()).isEqualTo("Imported 1 task: 1 new, 0 updated, 0 unchanged; created E01, E01-F01.\n"
					+ "Skipped " + readme + ": not task documents (no front matter or no task_key).\n");
			assertThat(again.get("unchanged").get(0).asString()).isEqualTo("T-E01-F01-001");
			assertThat(again.get("skipped").get(0).asString()).isEqualTo(readme.toString());
			assertThat(pm.json("task", "show", "T-E01-F01-001", "--json").get("status").asString()).isEqualTo("todo");
		}
	}

	private Path document(String name, String frontMatter) throws Exception {
		return Files.writeString(this.directory.resolve(name), "---\n" + frontMatter + "\n---\n# Task\n");
	}

}
