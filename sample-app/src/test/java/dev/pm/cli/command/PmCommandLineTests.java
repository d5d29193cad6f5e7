package dev.pm.cli.command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pm.cli.PmApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line in this JVM: exit codes, one-line errors, help without a database, JSON.
 */
class PmCommandLineTests {

	@TempDir
	Path directory;

	@Test
	void helpAndUsageErrorsAnswerWithoutOpeningTheDatabase() throws Exception {
		// Opening a directory as the database would fail start-up: these commands never get there.
		Path notADatabase = Files.createDirectory(this.directory.resolve("directory"));

		Run help = run(notADatabase, "task", "add", "--help");
		Run usage = run(notADatabase, "task", "add", "T-E01-F01-001");

		assertThat(help.exitCode()).isZero();
		assertThat(help.out()).contains("Usage: pm task add", "--depends-on=KEY", "--estimate=TEXT");
		assertThat(usage.exitCode()).isEqualTo(2);
		assertThat(usage.err()).isEqualTo(
				"pm: Missing required options and parameters: '--feature=KEY', 'TITLE' (see 'pm task add --help')\n");
	}

	@Test
	void aMalformedKeyIsAUsageError() {
		Run run = run(database(), "epic", "add", "Epic-4", "Title");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("'Epic-4' is not an epic key (like E04)").hasLineCount(1);
	}

	@Test
	void aGroupWithoutItsSubcommandIsAUsageError() {
		Run run = run(database(), "feature");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("Missing required subcommand").hasLineCount(1);
	}

	@Test
	void aRefusedOperationIsOneLineOnStderrAndExitCodeOne() {
		Run run = run(database(), "task", "done", "T-E01-F01-001");

		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.out()).isEmpty();
		assertThat(run.err()).isEqualTo("pm: task T-E01-F01-001 does not exist\n");
	}

	@Test
	void debugAddsTheStackTrace() {
		Run run = run(database(), "task", "done", "T-E01-F01-001", "--debug");

		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).contains("dev.pm.cli.plan.PlanException", "\tat ")
			.endsWith("pm: task T-E01-F01-001 does not exist\n");
	}

	@Test
	void aDatabaseThatCannotBeOpenedIsOneLineNamingItsPath() throws Exception {
		Path garbage = Files.writeString(this.directory.resolve("garbage.db"), "not a database");

		Run run = run(garbage, "task", "list");

		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).startsWith("pm: ").contains(garbage.toString()).hasLineCount(1);
		assertThat(Files.readString(garbage)).isEqualTo("not a database");
	}

	@Test
	void tasksListAsJsonWithStatusesAsUsersWriteThem() {
		Path database = database();
		try (LazyApplicationContext context = context(database)) {
			run(context, "epic", "add", "E01", "Offline mode");
			run(context, "feature", "add", "E01-F01", "Local storage", "--epic", "E01");
			run(context, "task", "add", "T-E01-F01-001", "Choose a format", "--feature", "E01-F01", "--agent", "ann");
			run(context, "task", "add", "T-E01-F01-002", "Write it", "--feature", "E01-F01", "--depends-on",
					"T-E01-F01-001");
			run(context, "task", "start", "T-E01-F01-001");

			Run list = run(context, "task", "list", "--status", "in_progress", "--json");

			assertThat(list.exitCode()).isZero();
			JsonNode tasks = JsonMapper.builder().build().readTree(list.out()).get("results");
			assertThat(tasks.size()).isEqualTo(1);
			assertThat(tasks.get(0).get("key").asString()).isEqualTo("T-E01-F01-001");
			assertThat(tasks.get(0).get("status").asString()).isEqualTo("in_progress");
			assertThat(tasks.get(0).get("requiredBy").get(0).get("key").asString()).isEqualTo("T-E01-F01-002");
		}
	}

	@Test
	void databaseStatusShowsTheFileItsSchemaAndItsHealth() {
		Path database = database();

		Run run = run(database, "db", "status");

		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("path            " + database, "schema version  2", "journal mode    wal",
				"integrity       ok", "permissions     rw-------");
	}

	private Path database() {
		return this.directory.resolve("pm.db");
	}

	private static LazyApplicationContext context(Path database) {
		LazyApplicationContext context = new LazyApplicationContext(PmApplication.class);
		context.setProperty("pm.db.path", database.toString());
		return context;
	}

	private static Run run(Path database, String... args) {
		try (LazyApplicationContext context = context(database)) {
			return run(context, args);
		}
	}

	private static Run run(LazyApplicationContext context, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exitCode = PmCommandLine.create(context)
			.setOut(new PrintWriter(out, true))
			.setErr(new PrintWriter(err, true))
			.execute(args);
		return new Run(exitCode, out.toString(), err.toString());
	}

	private record Run(int exitCode, String out, String err) {
	}

}
