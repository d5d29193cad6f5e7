package dev.pm.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged {@code pm.jar}, run as users run it: a child JVM, a temporary
 * {@code PM_DB_PATH}, checked by its output and exit code.
 */
class PmJarIT {

	private static final Path JAR = Path.of(System.getProperty("pm.jar", "target/pm.jar"));

	private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

	@TempDir
	Path directory;

	private Path database;

	private Map<String, String> environment;

	@BeforeEach
	void databaseInATemporaryDirectory() {
		this.database = this.directory.resolve("home/.pm/pm.db");
		this.environment = Map.of("PM_DB_PATH", this.database.toString());
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
		assertThat(imported.out())
			.isEqualTo("Imported 3 tasks: 3 new, 0 updated, 0 unchanged; created E07, E07-F02.\n");
		assertThat(list.exitCode()).isZero();
		assertThat(list.out())
			.contains("\"key\" : \"T-E07-F02-003\"", "\"status\" : \"in_progress\"", "\"feature\" : \"E07-F02\"",
					"\"title\" : \"Task T-E07-F02-003\"", "\"count\" : 3")
			.containsPattern("\"dependsOn\" : \\[ \\{\\s+\"key\" : \"T-E07-F02-001\",\\s+\"status\" : \"completed\"");
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
		assertThat(features.out()).isEqualTo("{\n  \"results\" : [ ],\n  \"count\" : 0\n}\n");
		assertThat(tasks.out()).isEqualTo("No tasks.\n");
	}

	@Test
	void usageErrorsExitWithTwoAndOneLineWithoutStartingSpring() throws Exception {
		Run run = pm("task", "list", "--status", "finished");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.out()).isEmpty();
		assertThat(run.err()).startsWith("pm: Invalid value for option '--status' (S): unknown status 'finished'")
			.hasLineCount(1);
		assertThat(this.database).doesNotExist();
	}

	@Test
	void aWarningIsOneLineOnStderrAndStdoutKeepsOnlyTheOutput() throws Exception {
		assertThat(pm("epic", "list").exitCode()).isZero();
		Files.setPosixFilePermissions(this.database, PosixFilePermissions.fromString("rw-rw-r--"));

		Run run = pm("epic", "list", "--json");

		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).startsWith("{").doesNotContain("WARN");
		// SQLite gives the -wal and -shm it makes the database file's mode: they are
		// tightened too.
		String warning = "pm: WARN DatabaseFiles: Permissions of " + this.database + "%s were rw-rw-r--, looser than"
				+ " pm.db.file-permissions; changed to rw-------";
		assertThat(run.err().lines()).contains(warning.formatted(""))
			.isSubsetOf(warning.formatted(""), warning.formatted("-wal"), warning.formatted("-shm"));
	}

	@Test
	void theConfigurationOfTheProjectPmRunsInIsNotPms() throws Exception {
		// What an agent's working directory, a Spring project, has.
		Files.writeString(this.directory.resolve("application.properties"),
				"spring.datasource.url=jdbc:postgresql://127.0.0.1:1/project\nlogging.level.root=debug\n");
		Files.createDirectories(this.directory.resolve("config"));
		Files.writeString(this.directory.resolve("config/application.properties"), "pm.db.path=project.db\n");

		Run run = pm("epic", "list");

		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).isEqualTo("No epics.\n");
		assertThat(run.err()).isEmpty();
		assertThat(this.database).exists();
		assertThat(this.directory.resolve("project.db")).doesNotExist();
	}

	@Test
	void aReplicationTargetInTheEnvironmentReplicatesAndTheReplicaAloneRestoresTheDatabase() throws Exception {
		Path replica = this.directory.resolve("replica");
		Path restored = this.directory.resolve("restored.db");
		// The initialisation generated ahead of time has no replicator: pm must start
		// without it.
		this.environment = Map.of("PM_DB_PATH", this.database.toString(), "PM_DB_REPLICATION_TARGET",
				replica.toString());

		Run added = pm("epic", "add", "E01", "Offline mode");
		Run replication = pm("db", "replication", "--json");
		this.environment = Map.of("PM_DB_PATH", this.directory.resolve("elsewhere.db").toString());
		Run restore = pm("db", "restore", "--from", replica.toString(), restored.toString());
		Run epics = pm("--db", restored.toString(), "epic", "list");

		assertThat(added.exitCode()).as(added.err()).isZero();
		assertThat(replication.exitCode()).as(replication.err()).isZero();
		assertThat(replication.out()).contains("\"target\" : \"" + replica + "\"", "\"state\" : \"replicating\"",
				"\"lastError\" : null");
		assertThat(restore.exitCode()).as(restore.err()).isZero();
		assertThat(restore.out()).startsWith("Restored " + restored + " as committed at ");
		assertThat(epics.out()).contains("E01", "Offline mode");
	}

	@Test
	void springsOwnDataSourceVariableIsRefusedInOneLineNotIgnored() throws Exception {
		Path other = this.directory.resolve("other.db");
		this.environment = Map.of("PM_DB_PATH", this.database.toString(), "SPRING_DATASOURCE_URL",
				"jdbc:sqlite:" + other);

		Run run = pm("epic", "list");

		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.out()).isEmpty();
		assertThat(run.err()).isEqualTo("pm: SPRING_DATASOURCE_URL is Spring Boot's, not pm's: name the database with"
				+ " PM_DB_URL (a PostgreSQL server) or PM_DB_PATH (an SQLite file), and unset SPRING_DATASOURCE_URL\n");
		assertThat(other).doesNotExist();
		assertThat(this.database).doesNotExist();
	}

	@Test
	void demoRunsOnATemporaryDatabaseAndLeavesTheConfiguredOneAlone() throws Exception {
		Run demo = pm("demo");

		assertThat(demo.exitCode()).isZero();
		assertThat(demo.err()).isEmpty();
		assertThat(demo.out())
			.contains("== 3. A transaction that fails half-way is rolled back ==",
					"pm: task T-E01-F01-002 cannot be completed: it depends on T-E01-F01-001, not completed yet",
					"pm: feature E01-F01 still has 2 tasks; delete them ('pm task delete') or move them",
					"Claimed T-E02-F01-001", "integrity       ok")
			.doesNotContain("expected this to", "Exception");
		assertThat(this.database).doesNotExist();
	}

	@Test
	void theLauncherScriptBesideTheJarRunsPmWithNothingButItsOutput() throws Exception {
		// As users run it: the command that finds no server starts one.
		this.environment = Map.of("PM_DB_PATH", this.database.toString(), "PM_SERVER", "on");

		Run run = run(List.of("sh", JAR.resolveSibling("pm").toString(), "epic", "list"));

		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).isEqualTo("No epics.\n");
		assertThat(run.err()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void sixteenProcessesClaimingAtOnceNeverReceiveTheSameTask(TestDatabase database) throws Exception {
		if (database == TestDatabase.POSTGRESQL) {
			this.environment = database.environment(this.directory);
		}
		List<String> documents = new ArrayList<>();
		for (int i = 1; i <= 100; i++) {
			documents.add(document("T-E07-F02-%03d".formatted(i), "todo").toString());
		}
		List<String> importing = new ArrayList<>(List.of("task", "import"));
		importing.addAll(documents);
		assertThat(pm(importing.toArray(String[]::new)).exitCode()).isZero();

		// Sixteen JVMs starting at once on a loaded machine of two cores: one may wait
		// for
		// the others' transactions longer than the default 5 s. That is a slow machine,
		// not a collision, which is what this test looks for.
		Map<String, String> patient = new HashMap<>(this.environment);
		patient.put("PM_DB_BUSY_TIMEOUT", "120s");
		this.environment = patient;
		List<Started> claims = new ArrayList<>();
		for (int agent = 1; agent <= 16; agent++) {
			claims.add(start(command("task", "claim", "--agent", "agent-" + agent, "--json")));
		}
		Map<String, String> claimedBy = new HashMap<>();
		for (int agent = 1; agent <= 16; agent++) {
			Run run = claims.get(agent - 1).finish();
			assertThat(run.exitCode()).as(run.err()).isZero();
			assertThat(run.err()).isEmpty();
			String key = JsonMapper.builder().build().readTree(run.out()).get("result").get("key").asString();
			assertThat(claimedBy.put(key, "agent-" + agent)).as(key + " claimed twice").isNull();
		}

		assertThat(claimedBy).hasSize(16);
		try (Connection connection = connection()) {
			assertThat(pairs(connection, "SELECT key, assigned_agent FROM task WHERE status = 'in_progress'"))
				.isEqualTo(claimedBy);
			assertThat(pairs(connection, "SELECT task_key, agent FROM task_history WHERE event = 'claimed'"))
				.isEqualTo(claimedBy);
			assertThat(pairs(connection, "SELECT key, status FROM task WHERE status <> 'in_progress'")).hasSize(84)
				.allSatisfy((key, status) -> assertThat(status).isEqualTo("todo"));
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void sixteenProcessesClaimingWhenLeasesHaveExpiredNeverHoldOneTaskTwice(TestDatabase database) throws Exception {
		if (database == TestDatabase.POSTGRESQL) {
			this.environment = database.environment(this.directory);
		}
		List<String> importing = new ArrayList<>(List.of("task", "import"));
		for (int i = 1; i <= 8; i++) {
			importing.add(document("T-E07-F02-%03d".formatted(i), "todo").toString());
		}
		assertThat(pm(importing.toArray(String[]::new)).exitCode()).isZero();
		// As in the test above: a slow machine is not a collision.
		Map<String, String> patient = new HashMap<>(this.environment);
		patient.put("PM_DB_BUSY_TIMEOUT", "120s");
		this.environment = patient;
		List<Started> first = new ArrayList<>();
		for (int agent = 1; agent <= 8; agent++) {
			first.add(start(command("task", "claim", "--agent", "gone-" + agent, "--lease", "1h", "--json")));
		}
		for (Started claim : first) {
			Run run = claim.finish();
			assertThat(run.exitCode()).as(run.err()).isZero();
		}
		// Leases of a second would run out while the eight JVMs above start one after
		// another, so the claims took an hour: now they all expire in a moment. Wait for
		// it, then sixteen processes find them expired at once and race to expire and
		// take them.
		Instant expiry = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
		try (Connection connection = connection(); Statement statement = connection.createStatement()) {
			assertThat(statement.executeUpdate("UPDATE task SET lease_expires_at = '" + expiry
					+ "' WHERE status = 'in_progress' AND assigned_agent LIKE 'gone-%'"))
				.isEqualTo(8);
		}
		while (!Instant.now().isAfter(expiry)) {
			Thread.sleep(50);
		}
		List<Started> claims = new ArrayList<>();
		for (int agent = 1; agent <= 16; agent++) {
			claims.add(start(command("task", "claim", "--agent", "agent-" + agent, "--json")));
		}
		Map<String, String> claimedBy = new HashMap<>();
		int none = 0;
		for (int agent = 1; agent <= 16; agent++) {
			Run run = claims.get(agent - 1).finish();
			assertThat(run.exitCode()).as(run.err()).isZero();
			assertThat(run.err()).isEmpty();
			JsonNode result = JsonMapper.builder().build().readTree(run.out()).get("result");
			if (result.isNull()) {
				none++;
				continue;
			}
			String key = result.get("key").asString();
			assertThat(claimedBy.put(key, "agent-" + agent)).as(key + " claimed twice").isNull();
		}

		assertThat(claimedBy).hasSize(8);
		assertThat(none).isEqualTo(8);
		try (Connection connection = connection()) {
			assertThat(pairs(connection, "SELECT key, assigned_agent FROM task WHERE status = 'in_progress'"))
				.isEqualTo(claimedBy);
			assertThat(pairs(connection,
					"SELECT task_key, agent FROM task_history WHERE event = 'claimed' AND agent LIKE 'agent-%'"))
				.isEqualTo(claimedBy);
			assertThat(count(connection, "SELECT COUNT(*) FROM task_history WHERE event = 'expired'"
					+ " AND notes LIKE 'claim of gone-% expired at " + expiry + "'"))
				.isEqualTo(8);
			assertThat(count(connection, "SELECT COUNT(DISTINCT task_key) FROM task_history WHERE event = 'expired'"))
				.isEqualTo(8);
		}
	}

	@Test
	void theDefaultDatabaseFollowsHome() throws Exception {
		Path home = this.directory.resolve("elsewhere");
		ProcessBuilder builder = new ProcessBuilder(command("epic", "add", "E01", "Home"))
			.directory(this.directory.toFile());
		builder.environment().remove("PM_DB_PATH");
		builder.environment().put("HOME", home.toString());

		Run run = start(builder, "home").finish();

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(home.resolve(".pm/pm.db")).isRegularFile();
	}

	@Test
	void aChangeWhoseOutputIsLostIsSavedAndExitsThree() throws Exception {
		ProcessBuilder builder = builder(command("epic", "add", "E01", "Lost")).redirectOutput(new File("/dev/full"));
		Path err = this.directory.resolve("full.err");
		Process process = builder.redirectError(err.toFile()).start();
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();

		assertThat(process.exitValue()).isEqualTo(3);
		assertThat(Files.readString(err)).isEqualTo("pm: cannot write to standard output; the change was saved, but"
				+ " this report of it is lost (pm history shows it)\n");
		assertThat(pm("epic", "list").out()).contains("E01").contains("Lost");
	}

	private static int count(Connection connection, String sql) throws Exception {
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getInt(1);
		}
	}

	private static Map<String, String> pairs(Connection connection, String sql) throws Exception {
		Map<String, String> pairs = new HashMap<>();
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			while (rs.next()) {
				pairs.put(rs.getString(1), rs.getString(2));
			}
		}
		return pairs;
	}

	private Run pm(String... args) throws IOException, InterruptedException {
		return start(command(args)).finish();
	}

	/**
	 * The command line of a pm process: the packaged jar as {@code java -jar} runs it
	 * (the launcher script and its server have tests of their own), C1 only, plus a small
	 * heap and one processor's worth of JVM threads, so that sixteen at once stay within
	 * two cores.
	 */
	private List<String> command(String... args) {
		List<String> command = new ArrayList<>(
				List.of(JAVA, "-XX:TieredStopAtLevel=1", "-Xmx64m", "-XX:ActiveProcessorCount=1"));
		// sqlite-jdbc extracts its native library to a temporary directory and, at start,
		// deletes copies that it takes for stale; processes starting together race for
		// them and log the loser's error on stderr. Left by killed JVMs of other builds
		// on a shared /tmp, such copies made this test fail: each test has its own
		// directory.
		command.add("-Dorg.sqlite.tmpdir=" + this.directory);
		command.addAll(List.of("-jar", JAR.toString()));
		command.addAll(List.of(args));
		return command;
	}

	private Run run(List<String> command) throws IOException, InterruptedException {
		return start(command).finish();
	}

	private Started start(List<String> command) throws IOException {
		return start(builder(command), "process-" + System.nanoTime());
	}

	private ProcessBuilder builder(List<String> command) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.directory.toFile());
		builder.environment().remove("PM_DB_PATH");
		// Each command in its own process, as pm runs when no server listens: the server
		// has tests of its own, and each command that found none would start one in the
		// background, a JVM more on a loaded machine (sixteen at once, in the tests of
		// sixteen processes), and a server that serves the next command in place of a
		// process of its own. A test may turn it on.
		builder.environment().put("PM_SERVER", "off");
		builder.environment().putAll(this.environment);
		// A server's files in the test's directory, and gone soon.
		builder.environment().put("PM_SERVER_DIR", this.directory.resolve("server").toString());
		builder.environment().put("PM_SERVER_IDLE", "5s");
		return builder;
	}

	private Connection connection() throws SQLException {
		String url = this.environment.get("PM_DB_URL");
		return (url != null)
				? DriverManager.getConnection(url, this.environment.get("PM_DB_USER"),
						this.environment.get("PM_DB_PASSWORD"))
				: DriverManager.getConnection("jdbc:sqlite:" + this.database);
	}

	private Started start(ProcessBuilder builder, String name) throws IOException {
		Path out = this.directory.resolve(name + ".out");
		Path err = this.directory.resolve(name + ".err");
		return new Started(builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start(), out, err);
	}

	/** A pm process started, with the files its output goes to. */
	private record Started(Process process, Path out, Path err) {

		Run finish() throws IOException, InterruptedException {
			assertThat(this.process.waitFor(5, TimeUnit.MINUTES)).as("pm finished within 5 minutes").isTrue();
			return new Run(this.process.exitValue(), Files.readString(this.out, StandardCharsets.UTF_8),
					Files.readString(this.err, StandardCharsets.UTF_8));
		}

	}

	private Path document(String key, String status, String... dependsOn) throws IOException {
		return TaskDocuments.write(this.directory, key, status, dependsOn);
	}

	private record Run(int exitCode, String out, String err) {
	}

}
