package dev.pm.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.pm.cli.PmApplication;
import dev.pm.cli.TestDatabase;
import dev.pm.cli.launch.LazyApplicationContext;
import dev.pm.cli.upgrade.VersionOneDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line in this JVM: exit codes, one-line errors, help without a database,
 * JSON.
 */
class PmCommandLineTests {

	@TempDir
	Path directory;

	@Test
	void helpAndUsageErrorsAnswerWithoutOpeningTheDatabase() throws Exception {
		// Opening a directory as the database would fail start-up: these commands never
		// get there.
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
	void springsOwnDataSourceVariableIsRefusedNotIgnored() {
		Run run = runWith(Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost/project", "PM_DB_PATH",
				database().toString()), "epic", "list");

		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.out()).isEmpty();
		assertThat(run.err()).startsWith("pm: SPRING_DATASOURCE_URL is Spring Boot's, not pm's").hasLineCount(1);
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

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void tasksListAsJsonWithStatusesAsUsersWriteThem(TestDatabase database) throws Exception {
		try (LazyApplicationContext context = context(database)) {
			run(context, "epic", "add", "E01", "Offline mode");
			run(context, "feature", "add", "E01-F01", "Local storage", "--epic", "E01");
			run(context, "task", "add", "T-E01-F01-001", "Choose a format", "--feature", "E01-F01");
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
		assertThat(run.out()).contains("path            " + database, "schema version  4", "journal mode    wal",
				"integrity       ok", "permissions     rw-------");
	}

	@Test
	void databaseStatusOnPostgresqlShowsTheServerItsVersionAndTheSchemaVersion() throws Exception {
		try (LazyApplicationContext context = context(TestDatabase.POSTGRESQL)) {
			Run run = run(context, "db", "status");
			JsonNode json = json(run(context, "db", "status", "--json"));

			assertThat(run.exitCode()).isZero();
			assertThat(run.out()).containsPattern("database +postgresql\n")
				.containsPattern("server +localhost:\\d+/test_\\d+\n")
				.containsPattern("version +PostgreSQL 17\\.")
				.contains("schema version  4");
			assertThat(fields(json)).containsExactly("database", "server", "version", "schemaVersion");
			assertThat(json.get("schemaVersion").asString()).isEqualTo("4");
		}
	}

	@Test
	void backupOnPostgresqlIsRefusedNamingTheServersOwnTools() {
		try (LazyApplicationContext context = context(TestDatabase.POSTGRESQL)) {
			Run run = run(context, "db", "backup", this.directory.resolve("copy.db").toString());

			assertThat(run.exitCode()).isEqualTo(1);
			assertThat(run.err()).isEqualTo("pm: pm db backup copies an SQLite database; back up a PostgreSQL"
					+ " database with its own tools (pg_dump)\n");
		}
	}

	@Test
	void aServerThatCannotBeReachedIsOneLineNamingIt() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		try (LazyApplicationContext context = new LazyApplicationContext(PmApplication.class,
				Map.of("PM_DB_URL", "jdbc:postgresql://localhost:" + closedPort + "/pm?password=secret"))) {
			Run run = run(context, "task", "list");

			assertThat(run.exitCode()).isEqualTo(1);
			assertThat(run.err()).startsWith("pm: ")
				.contains("localhost:" + closedPort)
				.doesNotContain("secret")
				.doesNotContain("\tat ")
				.hasLineCount(1);
		}
	}

	@Test
	void pmDbUrlOfAnotherDatabaseOrBesidePmDbPathIsRefusedNamingTheVariables() {
		Run other = runWith(Map.of("PM_DB_URL", "jdbc:mysql://localhost/pm?password=secret"), "task", "list");
		Run both = runWith(Map.of("PM_DB_URL", "jdbc:postgresql://localhost/pm", "PM_DB_PATH", "pm.db"), "task",
				"list");

		assertThat(other.exitCode()).isEqualTo(1);
		assertThat(other.err()).isEqualTo("pm: PM_DB_URL names neither a PostgreSQL database"
				+ " (jdbc:postgresql://HOST[:PORT]/NAME) nor an SQLite file (jdbc:sqlite:PATH):"
				+ " jdbc:mysql://localhost/pm?…\n");
		assertThat(both.err()).isEqualTo("pm: PM_DB_PATH and PM_DB_URL both name the database; unset one of them\n");
	}

	@Test
	void pmDbUrlOfAnSqliteFileIsThatFile() {
		Path database = database();
		Run run = runWith(Map.of("PM_DB_URL", "jdbc:sqlite:" + database), "epic", "add", "E01", "Offline mode");

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run(database, "epic", "list").out()).contains("E01");
	}

	@Test
	void backupWritesACopyThatPmOpensAndNeverOverwritesAFile() throws Exception {
		Path database = database();
		Path copy = this.directory.resolve("backup.db");
		try (LazyApplicationContext context = context(database)) {
			plan(context);
			Run backup = run(context, "db", "backup", copy.toString());
			Run again = run(context, "db", "backup", copy.toString(), "--json");

			assertThat(backup.exitCode()).isZero();
			assertThat(backup.out()).isEqualTo("Backed up the database to " + copy + ".\n");
			assertThat(again.exitCode()).isEqualTo(1);
			assertThat(again.err()).contains(copy + " exists; a backup never overwrites a file").hasLineCount(1);
		}
		Run restored = run(copy, "task", "list", "--json");
		assertThat(restored.exitCode()).isZero();
		assertThat(json(restored).get("count").asInt())
			.isEqualTo(json(run(database, "task", "list", "--json")).get("count").asInt());
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void readCommandsPrintTheDocumentedJsonShapes(TestDatabase database) throws Exception {
		try (LazyApplicationContext context = context(database)) {
			plan(context);
			run(context, "task", "start", "T-E01-F01-001", "--agent", "ann");

			JsonNode list = json(run(context, "task", "list", "--json"));
			JsonNode show = json(run(context, "task", "show", "T-E01-F01-002", "--json"));
			JsonNode history = json(run(context, "task", "history", "T-E01-F01-001", "--json"));
			JsonNode none = json(run(context, "task", "next", "--json"));
			JsonNode epics = json(run(context, "epic", "list", "--json"));
			JsonNode feature = json(run(context, "feature", "show", "E01-F01", "--json"));

			assertThat(fields(list)).containsExactly("results", "count");
			assertThat(list.get("count").asInt()).isEqualTo(3);
			assertThat(fields(show)).containsExactlyInAnyOrder(TASK_FIELDS);
			assertThat(show.get("dependsOn").get(0).toString())
				.isEqualTo("{\"key\":\"T-E01-F01-001\",\"status\":\"in_progress\"}");
			assertThat(show.get("priority").asInt()).isEqualTo(3);
			assertThat(show.get("agentType").asString()).isEqualTo("backend");
			assertThat(fields(show.get("history").get(0))).containsExactly("at", "key", "event", "from", "to", "agent",
					"notes");
			assertThat(history.get("count").asInt()).isEqualTo(2);
			assertThat(history.get("results").get(1).get("at").asString())
				.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
			assertThat(none.toString()).isEqualTo("{\"result\":null,\"reason\":\"no task is available: 2 todo tasks "
					+ "wait on dependencies not completed: T-E01-F01-002 waits on T-E01-F01-001 (in_progress); "
					+ "T-E01-F01-003 waits on T-E01-F01-002 (todo)\"}");
			assertThat(fields(epics.get("results").get(0))).containsExactly("key", "title", "created", "features",
					"progress", "description");
			assertThat(fields(epics.get("results").get(0).get("progress"))).containsExactly("todo", "inProgress",
					"blocked", "readyForReview", "completed", "archived", "total", "percent");
			assertThat(fields(feature)).containsExactly("key", "title", "epic", "created", "progress", "description",
					"tasks");
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void claimPrintsTheClaimedTaskAsJson(TestDatabase database) throws Exception {
		try (LazyApplicationContext context = context(database)) {
			plan(context);

			JsonNode claimed = json(run(context, "task", "claim", "--agent", "bot-1", "--json"));

			assertThat(fields(claimed)).containsExactly("result", "reason");
			assertThat(claimed.get("result").get("key").asString()).isEqualTo("T-E01-F01-001");
			assertThat(claimed.get("result").get("status").asString()).isEqualTo("in_progress");
			assertThat(claimed.get("result").get("agent").asString()).isEqualTo("bot-1");
			assertThat(claimed.get("reason").isNull()).isTrue();
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void changesPrintWhatTheyChangedAsJson(TestDatabase database) throws Exception {
		try (LazyApplicationContext context = context(database)) {
			plan(context);
			run(context, "feature", "add", "E01-F02", "Sync", "--epic", "E01");

			JsonNode moved = json(run(context, "task", "move", "T-E01-F01-003", "--feature", "E01-F02", "--json"));
			JsonNode deleted = json(run(context, "task", "delete", "T-E01-F02-003", "--json"));
			JsonNode started = json(run(context, "task", "start", "T-E01-F01-001", "--agent", "ann", "--json"));

			assertThat(moved.get("key").asString()).isEqualTo("T-E01-F02-003");
			assertThat(moved.get("feature").asString()).isEqualTo("E01-F02");
			assertThat(deleted.toString()).isEqualTo("{\"deleted\":\"T-E01-F02-003\"}");
			assertThat(fields(started)).containsExactlyInAnyOrder(Arrays.copyOf(TASK_FIELDS, TASK_FIELDS.length - 1));
			assertThat(started.get("status").asString()).isEqualTo("in_progress");
		}
	}

	@Test
	void theAgentIsTheFlagElsePmAgentElseUser() {
		Map<String, String> environment = Map.of("PM_AGENT", "agent-9", "USER", "me");
		try (LazyApplicationContext context = context(database(), environment)) {
			plan(context);
			run(context, "task", "start", "T-E01-F01-001");
			run(context, "task", "block", "T-E01-F01-003", "--reason", "keys");

			assertThat(run(context, "task", "list", "--agent", "agent-9").out()).contains("T-E01-F01-001");
			assertThat(run(context, "task", "history", "T-E01-F01-003").out()).contains("blocked", "agent-9", "keys");
		}
		try (LazyApplicationContext context = context(database(), Map.of("USER", "me"))) {
			run(context, "task", "start", "T-E01-F01-003", "--agent", "flagged");
			assertThat(run(context, "task", "unblock", "T-E01-F01-003").exitCode()).isZero();
			assertThat(run(context, "task", "history", "T-E01-F01-003").out()).contains("unblocked  blocked", " me ");
		}
	}

	@Test
	void aRefusedTransitionNamesTheVerbTheTaskAndItsStatus() {
		try (LazyApplicationContext context = context(database())) {
			plan(context);

			Run run = run(context, "task", "approve", "T-E01-F01-001");

			assertThat(run.exitCode()).isEqualTo(1);
			assertThat(run.err()).isEqualTo("pm: cannot approve T-E01-F01-001: it is todo\n");
		}
	}

	@Test
	void theDemoRefusesADatabaseThatHoldsAPlanAndLeavesItAlone() throws Exception {
		Path database = database();
		try (LazyApplicationContext context = context(database)) {
			plan(context);
		}
		String before;
		try (LazyApplicationContext context = context(database)) {
			before = run(context, "task", "list", "--json").out();
		}

		Run demo = run(database, "demo", "--here");

		assertThat(demo.exitCode()).isEqualTo(1);
		assertThat(demo.err()).startsWith("pm: pm demo --here runs only on an empty database, and " + database)
			.hasLineCount(1);
		assertThat(demo.out()).isEmpty();
		try (LazyApplicationContext context = context(database)) {
			assertThat(run(context, "task", "list", "--json").out()).isEqualTo(before);
		}
	}

	@Test
	void theDemoRefusesADatabaseOfAnOlderPmWithoutUpgradingIt() throws Exception {
		Path database = VersionOneDatabase.create(database());
		byte[] before = Files.readAllBytes(database);

		Run demo = run(database, "demo", "--here");

		assertThat(demo.exitCode()).isEqualTo(1);
		assertThat(demo.err()).isEqualTo("pm: pm demo --here runs only on an empty database, and " + database
				+ " holds the schema of another application or an older pm; nothing was changed (run pm demo "
				+ "without --here, or with --db NEW-FILE)\n");
		assertThat(Files.readAllBytes(database)).isEqualTo(before);
	}

	@Test
	void theDemoRunsHereOnANewDatabaseAndLeavesItsPlan() {
		Path database = database();

		Run demo = run(database, "demo", "--here");

		assertThat(demo.exitCode()).as(demo.out()).isZero();
		assertThat(run(database, "epic", "list").out()).contains("E01", "E02");
	}

	@Test
	void aBadDatabaseSettingNamesThePropertyAndTheAllowedValues() {
		try (LazyApplicationContext context = context(database())) {
			context.setProperty("pm.db.journal-mode", "bogus");

			Run run = run(context, "epic", "list");

			assertThat(run.exitCode()).isEqualTo(1);
			assertThat(run.err()).startsWith("pm: invalid value 'bogus' for pm.db.journal-mode")
				.endsWith(": expected one of delete, truncate, persist, memory, wal, off\n")
				.hasLineCount(1);
		}
	}

	@Test
	void waitingLongerThanTheBusyTimeoutSaysWhatHappenedAndWhichSettingChangesIt() throws Exception {
		Path database = database();
		try (LazyApplicationContext context = context(database)) {
			plan(context);
		}
		try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + database);
				Statement statement = other.createStatement();
				LazyApplicationContext context = context(database)) {
			statement.execute("BEGIN IMMEDIATE");
			context.setProperty("pm.db.busy-timeout", "200ms");

			Run run = run(context, "task", "start", "T-E01-F01-001");

			assertThat(run.exitCode()).isEqualTo(1);
			assertThat(run.err()).isEqualTo("pm: " + ErrorReporter.BUSY + "\n").contains("PM_DB_BUSY_TIMEOUT");
			statement.execute("ROLLBACK");
		}
	}

	@Test
	void dbChoosesTheDatabaseAfterAnyCommand() throws Exception {
		Path other = this.directory.resolve("other.db");
		try (LazyApplicationContext context = context(database())) {
			Run run = run(context, "epic", "add", "E07", "Elsewhere", "--db", other.toString());

			assertThat(run.exitCode()).isZero();
		}
		assertThat(run(other, "epic", "list").out()).contains("E07");
		assertThat(run(database(), "epic", "list").out()).isEqualTo("No epics.\n");
	}

	@Test
	void completionPrintsAScriptThatKnowsTheCommands() {
		Run run = run(database(), "completion", "bash");

		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("complete -F _complete_pm", "claim", "approve", "--agent-type");
		assertThat(database()).doesNotExist();
	}

	@Test
	void aPriorityOutOfRangeIsAUsageError() {
		Run run = run(database(), "task", "add", "T-E01-F01-001", "Title", "--feature", "E01-F01", "--priority", "11");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("'11' is not a priority from 1 (highest) to 10").hasLineCount(1);
	}

	@Test
	void statusesMayBeRepeatedOrCommaSeparated() {
		try (LazyApplicationContext context = context(database())) {
			plan(context);
			run(context, "task", "start", "T-E01-F01-001");
			run(context, "task", "block", "T-E01-F01-003", "--reason", "keys");

			String commas = run(context, "task", "list", "--status", "in_progress,blocked").out();
			String repeated = run(context, "task", "list", "--status", "in_progress", "--status", "blocked").out();

			assertThat(commas).isEqualTo(repeated)
				.contains("T-E01-F01-001", "blocked: keys")
				.doesNotContainPattern("(?m)^T-E01-F01-002");
		}
	}

	private static final String[] TASK_FIELDS = { "key", "title", "feature", "epic", "status", "priority", "agentType",
			"agent", "estimate", "created", "filePath", "blockedReason", "startedAt", "updatedAt", "dependsOn",
			"requiredBy", "description", "leaseExpiresAt", "history" };

	/**
	 * E01 / E01-F01 with T-001, T-002 (depends on T-001, priority 3, backend) and T-003.
	 */
	private static void plan(LazyApplicationContext context) {
		run(context, "epic", "add", "E01", "Offline mode");
		run(context, "feature", "add", "E01-F01", "Local storage", "--epic", "E01");
		run(context, "task", "add", "T-E01-F01-001", "Choose a format", "--feature", "E01-F01");
		run(context, "task", "add", "T-E01-F01-002", "Write it", "--feature", "E01-F01", "--depends-on",
				"T-E01-F01-001", "--priority", "3", "--agent-type", "backend");
		run(context, "task", "add", "T-E01-F01-003", "Test it", "--feature", "E01-F01", "--depends-on",
				"T-E01-F01-002");
	}

	private static JsonNode json(Run run) {
		assertThat(run.exitCode()).as(run.err()).isZero();
		return JsonMapper.builder().build().readTree(run.out());
	}

	private static List<String> fields(JsonNode node) {
		List<String> names = new ArrayList<>();
		node.propertyNames().forEach(names::add);
		return names;
	}

	private Path database() {
		return this.directory.resolve("pm.db");
	}

	/** A context on a fresh database: for PostgreSQL, named by PM_DB_URL and its user. */
	private LazyApplicationContext context(TestDatabase database) {
		return (database == TestDatabase.SQLITE) ? context(database())
				: new LazyApplicationContext(PmApplication.class, database.environment(this.directory));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			--help
			--version
			task --help
			task
			task --db DIRECTORY list
			server status --help
			completion
			task list --help
			task list --bogus
			task list --status finished
			task lis
			tsk list
			epic add
			epic add Epic-4 Title
			feature
			db status --json
			--db DIRECTORY task list
			""")
	void aCommandLineBuiltForItsArgumentsAnswersAsTheWholeOne(String line) throws IOException {
		Path notADatabase = Files.createDirectories(this.directory.resolve("directory"));
		String[] args = line.replace("DIRECTORY", notADatabase.toString()).split(" ");
		try (LazyApplicationContext context = context(notADatabase)) {
			Run whole = run(PmCommandLine.create(context), args);
			assertThat(run(PmCommandLine.create(context, args), args)).isEqualTo(whole);
		}
	}

	@Test
	void aCommandLineForAGroupAndOneOfItsSubcommandsHoldsOnlyThose() {
		try (LazyApplicationContext context = context(database())) {
			CommandLine pm = PmCommandLine.create(context, new String[] { "task", "list", "--status", "todo" });
			assertThat(pm.getSubcommands()).containsOnlyKeys("task");
			assertThat(pm.getSubcommands().get("task").getSubcommands()).containsOnlyKeys("list");
			assertThat(pm.getSubcommands().get("task").getSubcommands().get("list").getCommandSpec().findOption("--db"))
				.as("an option pm passes on to every command")
				.isNotNull();
			CommandLine group = PmCommandLine.create(context, new String[] { "task", "--help" });
			assertThat(group.getSubcommands()).containsOnlyKeys("task");
			assertThat(group.getSubcommands().get("task").getSubcommands()).hasSize(20);
			CommandLine help = PmCommandLine.create(context, new String[] { "--help" });
			assertThat(help.getSubcommands()).containsOnlyKeys("epic", "feature", "task", "history", "mcp", "db",
					"init", "demo", "server", "completion");
			assertThat(help.getSubcommands().get("task").getSubcommands()).isEmpty();
			CommandLine optionFirst = PmCommandLine.create(context, new String[] { "--db", "x.db", "task", "list" });
			assertThat(optionFirst.getSubcommands().get("task").getSubcommands()).hasSize(20);
		}
	}

	private static LazyApplicationContext context(Path database) {
		return context(database, Map.of());
	}

	private static LazyApplicationContext context(Path database, Map<String, String> environment) {
		LazyApplicationContext context = new LazyApplicationContext(PmApplication.class, environment);
		context.setProperty("pm.db.path", database.toString());
		return context;
	}

	private static Run runWith(Map<String, String> environment, String... args) {
		try (LazyApplicationContext context = new LazyApplicationContext(PmApplication.class, environment)) {
			return run(context, args);
		}
	}

	private static Run run(Path database, String... args) {
		try (LazyApplicationContext context = context(database)) {
			return run(context, args);
		}
	}

	// As the command runs in a process of its own: with the command line it needs.
	private static Run run(LazyApplicationContext context, String... args) {
		return run(PmCommandLine.create(context, args), args);
	}

	private static Run run(CommandLine commandLine, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exitCode = commandLine.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
		return new Run(exitCode, out.toString(), err.toString());
	}

	private record Run(int exitCode, String out, String err) {
	}

}
