package dev.pm.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.pm.db.autoconfigure.PmDbAutoConfiguration;
import dev.pm.db.backup.OnlineBackup;
import dev.pm.db.jdbc.PragmaApplier;
import dev.pm.db.jdbc.SqliteDataSource;
import dev.pm.db.jdbc.TransactionMode;
import dev.pm.db.test.Databases;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link DatabaseBackup}: consistent online copies, private, never over another file.
 */
class BackupTests {

	@TempDir
	Path dir;

	private ApplicationContextRunner contextRunner(String path) {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PmDbAutoConfiguration.class))
			.withPropertyValues("pm.db.path=" + path);
	}

	@Test
	void copyWrittenWhileTheApplicationWritesHoldsEveryCommitBeforeItAndIsPrivate() {
		contextRunner(this.dir.resolve("pm.db").toString()).run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			for (int i = 0; i < 100; i++) {
				jdbc.update("INSERT INTO item (name) VALUES (?)", "before-" + i);
			}
			// A writer keeps going during the backup; WAL lets it.
			CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
				for (int i = 0; i < 100; i++) {
					jdbc.update("INSERT INTO item (name) VALUES (?)", "during-" + i);
				}
			});
			Path copy = context.getBean(DatabaseBackup.class).backupTo(this.dir.resolve("backups/../copy.db"));
			writer.get(30, TimeUnit.SECONDS);
			assertThat(copy).isEqualTo(this.dir.resolve("copy.db"));
			assertThat(Databases.permissions(copy)).isEqualTo("rw-------");
			assertThat(count(copy, "SELECT count(*) FROM item WHERE name LIKE 'before-%'")).isEqualTo(100);
			assertThat(count(copy, "SELECT count(*) FROM flyway_schema_history")).isEqualTo(2);
		});
	}

	@Test
	void backupFinishesWhileAWriterNeverStops() {
		contextRunner(this.dir.resolve("pm.db").toString()).run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			// Some 2 MB, many backup steps' worth of pages.
			jdbc.update("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
					+ " INSERT INTO item (name) SELECT 'before-' || i || '-' || hex(randomblob(500)) FROM n");
			AtomicBoolean writing = new AtomicBoolean(true);
			CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
				for (int i = 0; writing.get(); i++) {
					jdbc.update("INSERT INTO item (name) VALUES (?)", "during-" + i);
				}
			});
			try {
				Path copy = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30),
						() -> context.getBean(DatabaseBackup.class).backupTo(this.dir.resolve("copy.db")));
				assertThat(count(copy, "SELECT count(*) FROM item WHERE name LIKE 'before-%'")).isEqualTo(2000);
			}
			finally {
				writing.set(false);
				writer.get(30, TimeUnit.SECONDS);
			}
		});
	}

	@Test
	void copyOfAnInMemoryDatabaseIsAFile() {
		contextRunner(":memory:").run((context) -> {
			context.getBean(JdbcTemplate.class).update("INSERT INTO item (name) VALUES ('kept')");
			Path copy = context.getBean(DatabaseBackup.class).backupTo(this.dir.resolve("memory.db"));
			assertThat(count(copy, "SELECT count(*) FROM item")).isOne();
		});
	}

	@Test
	void existingTargetIsNeverOverwritten() throws Exception {
		Path existing = Files.writeString(this.dir.resolve("precious.db"), "someone's file");
		contextRunner(this.dir.resolve("pm.db").toString()).run((context) -> {
			assertThatExceptionOfType(DatabaseException.class)
				.isThrownBy(() -> context.getBean(DatabaseBackup.class).backupTo(existing))
				.withMessageContaining(existing + " exists; a backup never overwrites a file");
			assertThat(existing).hasContent("someone's file");
		});
	}

	@Test
	void targetInAMissingDirectoryIsAClearError() {
		contextRunner(this.dir.resolve("pm.db").toString()).run((context) -> {
			Path target = this.dir.resolve("missing/copy.db");
			assertThatExceptionOfType(DatabaseException.class)
				.isThrownBy(() -> context.getBean(DatabaseBackup.class).backupTo(target))
				.withMessageContaining("Cannot create backup file " + target);
		});
	}

	@Test
	void databaseThatCannotBeReadFailsTheBackupNamingBothFiles() {
		// Its directory is missing: SQLite cannot open it.
		DatabasePath path = DatabasePath.of(this.dir.resolve("missing").resolve("pm.db").toString());
		SqliteDataSource unreadable = new SqliteDataSource(path, new PragmaApplier(List.of(), path.getFile()),
				Duration.ofMillis(100), TransactionMode.IMMEDIATE, 0);
		Path target = this.dir.resolve("copy.db");
		assertThatExceptionOfType(DatabaseException.class)
			.isThrownBy(() -> new OnlineBackup(unreadable, Set.of()).backupTo(target))
			.withMessageContaining("Cannot back up database " + path + " to " + target)
			.withMessageContaining("unable to open");
	}

	private static int count(Path file, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getInt(1);
		}
	}

}
