package dev.pm.cli.upgrade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.pm.cli.PmApplication;
import dev.pm.cli.plan.EpicService;
import dev.pm.cli.plan.Task;
import dev.pm.cli.plan.TaskFilter;
import dev.pm.cli.plan.TaskLink;
import dev.pm.cli.plan.TaskService;
import dev.pm.cli.plan.TaskStatus;
import dev.pm.db.SchemaVersionMismatchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A database made by the previous {@code pm} (schema 1, built by the real
 * {@code V1__plan.sql}) upgrades on first start with its data intact; a database of this
 * {@code pm} is refused, unchanged, by an older build.
 */
class SchemaUpgradeTests {

	@TempDir
	Path directory;

	@Test
	void aVersionOneDatabaseWithTasksInEveryOldStatusUpgradesWithEverythingKept() throws Exception {
		Path database = versionOneDatabase();

		try (ConfigurableApplicationContext pm = start(database)) {
			TaskService tasks = pm.getBean(TaskService.class);
			List<Task> all = tasks.list(TaskFilter.everyTask().includingArchived(true));
			assertThat(all).extracting(Task::key, Task::status, Task::agent, Task::title, Task::created, Task::priority)
				.containsExactly(
						tuple("T-E01-F01-001", TaskStatus.COMPLETED, "ann", "Choose a format", "2025-01-10", 5),
						tuple("T-E01-F01-002", TaskStatus.IN_PROGRESS, "bob", "Write it", "2025-01-11", 5),
						tuple("T-E01-F01-003", TaskStatus.BLOCKED, null, "Test it", "2025-01-12", 5),
						tuple("T-E01-F01-004", TaskStatus.TODO, null, "Ship it", "2025-01-13", 5));
			assertThat(tasks.show("T-E01-F01-004").dependsOn()).containsExactly(
					new TaskLink("T-E01-F01-002", TaskStatus.IN_PROGRESS),
					new TaskLink("T-E01-F01-003", TaskStatus.BLOCKED));
			assertThat(tasks.show("T-E01-F01-002").dependsOn())
				.containsExactly(new TaskLink("T-E01-F01-001", TaskStatus.COMPLETED));
			JdbcClient jdbc = pm.getBean(JdbcClient.class);
			assertThat(jdbc.sql("SELECT task_key, event, to_status FROM task_history ORDER BY id")
				.query((rs, row) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3)))
				.list()).containsExactly(tuple("T-E01-F01-001", "imported", "completed"),
						tuple("T-E01-F01-002", "imported", "in_progress"),
						tuple("T-E01-F01-003", "imported", "blocked"), tuple("T-E01-F01-004", "imported", "todo"));
			assertThat(jdbc.sql("SELECT max(version) FROM flyway_schema_history").query(String.class).single())
				.isEqualTo("4");
			assertThat(jdbc.sql("PRAGMA foreign_key_check").query().listOfRows()).isEmpty();
		}
	}

	@Test
	void theHistoryRebuiltForEpicsAndFeaturesKeepsItsIdsAndStaysAppendOnly() throws Exception {
		Path database = versionOneDatabase();

		try (ConfigurableApplicationContext pm = start(database)) {
			pm.getBean(EpicService.class).update("E01", "Offline first", null, "lead");

			JdbcClient jdbc = pm.getBean(JdbcClient.class);
			assertThat(jdbc.sql("SELECT id, task_id IS NULL, task_key, event FROM task_history ORDER BY id")
				.query((rs, row) -> tuple(rs.getLong(1), rs.getBoolean(2), rs.getString(3), rs.getString(4)))
				.list()).containsExactly(tuple(1L, false, "T-E01-F01-001", "imported"),
						tuple(2L, false, "T-E01-F01-002", "imported"), tuple(3L, false, "T-E01-F01-003", "imported"),
						tuple(4L, false, "T-E01-F01-004", "imported"), tuple(5L, true, "E01", "updated"));
			assertThatException().isThrownBy(() -> jdbc.sql("DELETE FROM task_history").update())
				.withMessageContaining("task_history is append-only");
			assertThatException().isThrownBy(() -> jdbc.sql("UPDATE task_history SET notes = 'x'").update())
				.withMessageContaining("task_history is append-only");
		}
	}

	@Test
	void aDatabaseOfThisPmIsRefusedUnchangedByABuildThatKnowsOnlyVersionOne() throws Exception {
		Path database = versionOneDatabase();
		start(database).close();
		Map<String, byte[]> before = files();

		// An older build: the same starter, expecting schema version 1.
		assertThatException().isThrownBy(() -> start(database, "pm.db.migration.expected-version=1"))
			.havingRootCause()
			.isInstanceOf(SchemaVersionMismatchException.class);
		// The starter's read-only checks leave an empty -wal and a -shm beside a WAL
		// database (reported to the library's engineers); the database itself must be
		// byte for byte what it was.
		Map<String, byte[]> after = files();
		assertThat(after.get("pm.db")).isEqualTo(before.get("pm.db"));
		assertThat(after.getOrDefault("pm.db-wal", new byte[0])).isEmpty();
	}

	private Path versionOneDatabase() throws Exception {
		return VersionOneDatabase.create(this.directory.resolve("pm.db"));
	}

	private static ConfigurableApplicationContext start(Path database, String... properties) {
		// Arguments, not default properties: application.properties would outrank those.
		List<String> args = new ArrayList<>(List.of("--pm.db.path=" + database));
		Stream.of(properties).map((property) -> "--" + property).forEach(args::add);
		return new SpringApplicationBuilder(PmApplication.class).run(args.toArray(String[]::new));
	}

	private Map<String, byte[]> files() throws IOException {
		Map<String, byte[]> files = new HashMap<>();
		try (Stream<Path> paths = Files.list(this.directory)) {
			for (Path path : paths.toList()) {
				files.put(path.getFileName().toString(), Files.readAllBytes(path));
			}
		}
		return files;
	}

}
