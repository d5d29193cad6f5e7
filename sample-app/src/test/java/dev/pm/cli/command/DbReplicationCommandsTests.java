package dev.pm.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import dev.pm.cli.PmApplication;
import dev.pm.cli.TestDatabase;
import dev.pm.cli.command.InProcessPm.Run;
import dev.pm.cli.launch.DatabaseSettings;
import dev.pm.cli.launch.LazyApplicationContext;
import dev.pm.testing.output.ExpectedOutputExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pm db replication} and {@code pm db restore}: a replica kept while pm works, and
 * a database built from it alone.
 */
@ExtendWith(ExpectedOutputExtension.class)
class DbReplicationCommandsTests {

	@TempDir
	Path directory;

	private Path replica() {
		return this.directory.resolve("replica");
	}

	private InProcessPm replicating() {
		return InProcessPm.on(TestDatabase.SQLITE, this.directory, Map.of())
			.with("pm.db.replication.target", replica().toString());
	}

	@Test
	void replicationShowsTheTargetItsGenerationAndTheLagAsTextAndJson() {
		try (InProcessPm pm = replicating()) {
			pm.run("epic", "add", "E01", "Offline mode");
			Run shown = pm.run("db", "replication");
			JsonNode json = pm.json("db", "replication", "--json");

			assertThat(shown.exitCode()).as(shown.err()).isZero();
			assertThat(shown.out()).contains("target        " + replica(), "state         replicating",
					"generation    " + json.get("generation").asString(), "last error    -");
			assertThat(fields(json)).containsExactly("target", "state", "generation", "lastSegment", "lagMillis",
					"lastError");
			assertThat(json.get("lagMillis").asLong()).isBetween(0L, 60_000L);
		}
	}

	@Test
	void restoreBuildsAPrivateDatabaseThatPmOpensAndNeverOverwritesAFile() throws IOException {
		try (InProcessPm pm = replicating()) {
			pm.run("epic", "add", "E01", "Offline mode");
		}
		Path restored = this.directory.resolve("restored.db");
		try (InProcessPm pm = InProcessPm.on(TestDatabase.SQLITE, this.directory.resolve("elsewhere"), Map.of())) {
			Run restore = pm.run("db", "restore", "--from", replica().toString(), restored.toString());
			Run again = pm.run("db", "restore", "--from", replica().toString(), restored.toString(), "--json");

			assertThat(restore.exitCode()).as(restore.err()).isZero();
			assertThat(restore.out()).startsWith("Restored " + restored + " as committed at ")
				.endsWith(", from " + replica() + ".\n");
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(restored))).isEqualTo("rw-------");
			assertThat(again.exitCode()).isEqualTo(1);
			assertThat(again.err()).contains(restored + " exists; a restore never overwrites a file").hasLineCount(1);
			assertThat(pm.run("--db", restored.toString(), "epic", "list").out()).contains("E01", "Offline mode");
		}
	}

	@Test
	void aDamagedSegmentStopsTheRestoreAtTheLastGoodMomentNamingTheFile(CapturedOutput output) throws IOException {
		try (InProcessPm pm = replicating()) {
			pm.run("epic", "add", "E01", "Offline mode");
		}
		// The next segment of the last generation, cut short where a full target left it.
		List<Path> files = files();
		Path last = files.get(files.size() - 1);
		// A snapshot is the database before the segment of its own index.
		long index = Long.parseLong(last.getFileName().toString().substring(0, 10))
				+ (last.toString().endsWith(".segment") ? 1 : 0);
		Path damaged = last
			.resolveSibling(String.format(Locale.ROOT, "%010d-%013d.segment", index, System.currentTimeMillis()));
		Files.write(damaged, Arrays.copyOf(Files.readAllBytes(last), 20));
		Path restored = this.directory.resolve("restored.db");
		try (InProcessPm pm = InProcessPm.on(TestDatabase.SQLITE, this.directory.resolve("elsewhere"), Map.of())) {
			Run restore = pm.run("db", "restore", "--from", replica().toString(), restored.toString());

			assertThat(restore.exitCode()).as(restore.err()).isZero();
			assertThat(restore.out()).contains("It stops before ", damaged.toString(), "truncated", "stopped at",
					"the last good moment");
			assertThat(pm.run("--db", restored.toString(), "epic", "list").out()).contains("E01");
		}
		assertThat(output).contains("pm: WARN ReplicaRestore: Restore of " + restored + " stopped at ");
	}

	@Test
	void aMomentBeforeTheReplicaIsOneLineWithTheEarliestMomentAndCreatesNothing() {
		// Closed first: a replicating pm writes its first snapshot in the background, and
		// a
		// restore that comes sooner finds none yet (a different message).
		try (InProcessPm pm = replicating()) {
			pm.run("epic", "add", "E01", "Offline mode");
		}
		Path restored = this.directory.resolve("restored.db");
		try (InProcessPm pm = InProcessPm.on(TestDatabase.SQLITE, this.directory.resolve("elsewhere"), Map.of())) {
			Run run = pm.run("db", "restore", "--from", replica().toString(), "--to", "2000-01-01T00:00:00Z",
					restored.toString());

			assertThat(run.exitCode()).isEqualTo(1);
			assertThat(run.err()).startsWith("pm: ").contains("earliest moment it can restore is").hasLineCount(1);
			assertThat(restored).doesNotExist();
		}
	}

	@Test
	void aMalformedMomentIsAUsageError() {
		try (InProcessPm pm = replicating()) {
			Run run = pm.run("db", "restore", "--from", replica().toString(), "--to", "yesterday", "r.db");

			assertThat(run.exitCode()).isEqualTo(2);
			assertThat(run.err()).contains("'yesterday' is not a moment");
		}
	}

	@Test
	void aFailingTargetIsReportedWithExitCodeOneWhileCommandsGoOn(CapturedOutput output) throws IOException {
		Files.writeString(replica(), "a file where the replica directory should be");
		try (InProcessPm pm = replicating()) {
			Run added = pm.run("epic", "add", "E01", "Offline mode");
			Run shown = pm.run("db", "replication");

			assertThat(added.exitCode()).as(added.err()).isZero();
			assertThat(shown.exitCode()).isEqualTo(1);
			assertThat(shown.out()).contains("state         failing").containsPattern("last error +.*" + replica());
		}
		assertThat(output).contains("pm: WARN Replicator: Cannot replicate ")
			.contains(" to " + replica() + " (the replica falls behind");
	}

	@Test
	void replicationOffIsOneLineNamingTheVariable() {
		try (InProcessPm pm = InProcessPm.on(TestDatabase.SQLITE, this.directory, Map.of())) {
			Run run = pm.run("db", "replication");

			assertThat(run.exitCode()).isEqualTo(1);
			assertThat(run.err()).isEqualTo("pm: replication is off: set PM_DB_REPLICATION_TARGET to a directory"
					+ " (on another disk) and pm keeps a continuous replica of the database there\n");
		}
	}

	@Test
	void aReplicationTargetBesideAPostgresqlDatabaseIsRefusedNamingBothVariables() {
		Map<String, String> environment = Map.of("PM_DB_URL", "jdbc:postgresql://localhost/pm",
				"PM_DB_REPLICATION_TARGET", replica().toString());
		try (LazyApplicationContext context = new LazyApplicationContext(PmApplication.class, environment)) {
			StringWriter err = new StringWriter();
			int exitCode = PmCommandLine.create(context, new String[] { "epic", "list" })
				.setErr(new PrintWriter(err, true))
				.execute("epic", "list");

			assertThat(exitCode).isEqualTo(1);
			assertThat(err.toString()).isEqualTo("pm: PM_DB_REPLICATION_TARGET replicates an SQLite database, and"
					+ " PM_DB_URL names a PostgreSQL one: replicate it with the server's own replication, and unset"
					+ " PM_DB_REPLICATION_TARGET\n");
		}
		assertThat(DatabaseSettings.changeWhichBeansExist(environment)).isTrue();
		assertThat(DatabaseSettings.changeWhichBeansExist(Map.of("PM_DB_REPLICATION_TARGET", "/backup"))).isTrue();
		assertThat(DatabaseSettings.changeWhichBeansExist(Map.of("PM_DB_PATH", "pm.db"))).isFalse();
	}

	// The snapshots and segments, generation by generation, by index.
	private List<Path> files() throws IOException {
		try (Stream<Path> paths = Files.walk(replica().resolve("generations"))) {
			return paths.filter((path) -> path.toString().matches(".*/\\d{10}-\\d{13}\\.(snapshot|segment)"))
				.sorted()
				.toList();
		}
	}

	private static List<String> fields(JsonNode node) {
		List<String> names = new ArrayList<>();
		node.propertyNames().forEach(names::add);
		return names;
	}

}
