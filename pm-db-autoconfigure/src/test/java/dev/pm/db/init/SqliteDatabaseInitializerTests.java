package dev.pm.db.init;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.pm.db.DatabaseCorruptedException;
import dev.pm.db.DatabaseException;
import dev.pm.db.DatabaseInitializer;
import dev.pm.db.DatabaseMigrationException;
import dev.pm.db.DatabaseNotFoundException;
import dev.pm.db.ForeignDatabaseException;
import dev.pm.db.SchemaVersionMismatchException;
import dev.pm.db.SqliteDatabase;
import dev.pm.db.autoconfigure.PmDbAutoConfiguration;
import dev.pm.db.jdbc.PragmaApplier;
import dev.pm.db.jdbc.SqliteDataSource;
import dev.pm.db.test.Databases;
import dev.pm.db.test.Databases.Snapshot;
import dev.pm.testing.output.ExpectedOutputExtension;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.BaseCallback;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.resolver.MigrationResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static dev.pm.db.test.Databases.cause;
import static dev.pm.db.test.Databases.permissions;
import static dev.pm.db.test.Databases.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The start-up sequence on real files.
 */
@ExtendWith(ExpectedOutputExtension.class)
class SqliteDatabaseInitializerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PmDbAutoConfiguration.class));

	@TempDir
	Path dir;

	private ApplicationContextRunner at(Path file, String... properties) {
		return this.contextRunner.withPropertyValues("pm.db.path=" + file).withPropertyValues(properties);
	}

	@Test
	void createsMissingFileWithOwnerOnlyPermissionsAndParentsWithOwnerOnlyAccess() {
		Path file = this.dir.resolve("new/nested/pm.db");
		at(file).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(permissions(file)).isEqualTo("rw-------");
			assertThat(permissions(file.getParent())).isEqualTo("rwx------");
			assertThat(permissions(file.getParent().getParent())).isEqualTo("rwx------");
		});
	}

	@Test
	void createsTheFileWithTheConfiguredPermissions() {
		Path file = this.dir.resolve("pm.db");
		at(file, "pm.db.file-permissions=rw-r-----", "pm.db.allow-shared-file-permissions=true").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(permissions(file)).isEqualTo("rw-r-----");
		});
	}

	@Test
	void walAndSharedMemoryFilesGetTheDatabasePermissions() {
		Path file = this.dir.resolve("pm.db");
		at(file).run((context) -> {
			context.getBean(JdbcTemplate.class).update("INSERT INTO item (name) VALUES ('a')");
			assertThat(permissions(this.dir.resolve("pm.db-wal"))).isEqualTo("rw-------");
			assertThat(permissions(this.dir.resolve("pm.db-shm"))).isEqualTo("rw-------");
		});
	}

	@Test
	void tightensLooserPermissionsOfAnExistingDatabaseWithAWarning(CapturedOutput output) throws IOException {
		Path file = this.dir.resolve("pm.db");
		Databases.execute(file, "CREATE TABLE t (x)");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
		at(file, "pm.db.migration.enabled=false", "pm.db.migration.locations=classpath:db/none").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(permissions(file)).isEqualTo("rw-------");
			assertThat(output).contains("Permissions of " + file + " were rw-rw-r--");
		});
	}

	@Test
	void missingFileWithCreateIfMissingFalseFailsAndCreatesNothing() {
		Path file = this.dir.resolve("missing/pm.db");
		at(file, "pm.db.create-if-missing=false").run((context) -> {
			assertThat(context).hasFailed();
			DatabaseNotFoundException failure = cause(context.getStartupFailure(), DatabaseNotFoundException.class);
			assertThat(failure.getPath()).isEqualTo(file);
			assertThat(failure).hasMessageContaining(file.toString());
			assertThat(file.getParent()).doesNotExist();
		});
	}

	@Test
	void directoryAtThePathIsRefusedByName() throws IOException {
		Path file = Files.createDirectory(this.dir.resolve("pm.db"));
		at(file).run((context) -> {
			DatabaseException failure = cause(context.getStartupFailure(), DatabaseException.class);
			assertThat(failure).hasMessageContaining(file.toString()).hasMessageContaining("is a directory");
			assertThat(file).isEmptyDirectory();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "r--------", "-w-------", "---rw-rw-" })
	void fileItsOwnerMayNotReadOrWriteIsRefusedAndLeftUnchanged(String permissions) throws IOException {
		Path file = this.dir.resolve("pm.db");
		Databases.execute(file, "CREATE TABLE t (x)");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
		Snapshot before = snapshot(file);
		at(file).run((context) -> {
			DatabaseException failure = cause(context.getStartupFailure(), DatabaseException.class);
			assertThat(failure).hasMessageContaining(file.toString())
				.hasMessageContaining("not readable and writable by its owner (" + permissions + ")");
			assertThat(snapshot(file)).isEqualTo(before);
		});
	}

	@Test
	void databaseASquatterCreatedBeforeTheFirstStartIsRefusedAndLeftToItsOwner() throws IOException {
		// Another user got there first, in a directory both may use, with a file anyone
		// may read.
		Path file = this.dir.resolve("pm.db");
		Databases.execute(file, "CREATE TABLE planted (x)");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
		Files.setAttribute(file, "unix:uid", 65534);
		Snapshot before = snapshot(file);
		at(file).run((context) -> {
			DatabaseException failure = cause(context.getStartupFailure(), DatabaseException.class);
			assertThat(failure).hasMessageContaining(file + " belongs to user '");
			assertThat(snapshot(file)).isEqualTo(before);
			assertThat(Files.getAttribute(file, "unix:uid")).isEqualTo(65534);
		});
	}

	@Test
	void anotherApplicationsDatabaseIsRefusedBeforeAnythingWritesToItOrItsMode() throws IOException {
		Path file = this.dir.resolve("theirs.db");
		Databases.execute(file, "CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT)",
				"INSERT INTO customer (name) VALUES ('Ada')");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		Snapshot before = snapshot(file);
		at(file).run((context) -> {
			ForeignDatabaseException failure = cause(context.getStartupFailure(), ForeignDatabaseException.class);
			assertThat(failure).hasMessageContaining(file.toString()).hasMessageContaining("no schema history");
			assertThat(failure.getExpected()).isEqualTo("2");
			assertThat(snapshot(file)).isEqualTo(before);
			assertThat(this.dir.resolve("theirs.db-wal")).doesNotExist();
		});
	}

	@Test
	void freshFileWhoseHistoryTableAnotherStartingProcessJustCreatedIsMigratedNotRefused() throws IOException {
		Path file = this.dir.resolve("pm.db");
		// What a second process sees while the first one's Flyway has begun: an empty
		// history.
		Databases.execute(file, "CREATE TABLE \"flyway_schema_history\" (\"installed_rank\" INT NOT NULL PRIMARY KEY,"
				+ " \"version\" VARCHAR(50), \"description\" VARCHAR(200) NOT NULL, \"type\" VARCHAR(20) NOT NULL,"
				+ " \"script\" VARCHAR(1000) NOT NULL, \"checksum\" INT, \"installed_by\" VARCHAR(100) NOT NULL,"
				+ " \"installed_on\" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),"
				+ " \"execution_time\" INT NOT NULL, \"success\" BOOLEAN NOT NULL)");
		// Private, as the first process's pm-db created it.
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		at(file).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(SqliteDatabase.class).getSchemaVersion()).hasValue("2");
		});
	}

	/**
	 * Another process of this application, starting on the same fresh file, commits its
	 * migrations just before or just after this one reads Flyway's history: between that
	 * and its look for other tables either way.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "BEFORE_INFO", "AFTER_INFO" })
	void freshFileThatAnotherProcessOfThisApplicationMigratesWhileThisOneLooksIsMigratedNotRefused(String moment) {
		Path file = this.dir.resolve("pm.db");
		at(file, "test.other-process-migrates=" + moment).withUserConfiguration(SameApplicationMigratesMeanwhile.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(SqliteDatabase.class).getSchemaVersion()).hasValue("2");
				assertThat(context.getBean(SameApplicationMigratesMeanwhile.class).otherProcessMigrated)
					.as("the other process migrated between the looks")
					.isTrue();
			});
	}

	@Test
	void anotherApplicationsDatabaseIsAdoptedWhenTheUserAsksForABaseline(CapturedOutput output) throws IOException {
		Path file = this.dir.resolve("theirs.db");
		Databases.execute(file, "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
				"INSERT INTO item (name) VALUES ('kept')");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		at(file, "pm.db.migration.baseline-on-migrate=true", "pm.db.migration.baseline-version=1").run((context) -> {
			assertThat(context).hasNotFailed();
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForList("SELECT name FROM item", String.class)).containsExactly("kept");
			assertThat(context.getBean(SqliteDatabase.class).getSchemaVersion()).hasValue("2");
		});
		// Made by another application, readable by others: made private as any database
		// pm-db opens.
		assertThat(output).contains("Permissions of " + file + " were rw-r--r--, looser than pm.db.file-permissions");
	}

	@Test
	void applicationWithoutMigrationsKeepsTheTablesItMadeItself() {
		Path file = this.dir.resolve("pm.db");
		at(file, "pm.db.migration.locations=classpath:db/none")
			.run((context) -> context.getBean(JdbcTemplate.class).execute("CREATE TABLE own (x)"));
		at(file, "pm.db.migration.locations=classpath:db/none").run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void textFileIsRefusedAsNotADatabaseAndLeftUnchanged() throws IOException {
		Path file = this.dir.resolve("notes.txt");
		Files.writeString(file, "Shopping list\n- milk\n- bread\n".repeat(50), StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		Snapshot before = snapshot(file);
		at(file).run((context) -> {
			DatabaseException failure = cause(context.getStartupFailure(), DatabaseException.class);
			assertThat(failure).hasMessageContaining(file.toString()).hasMessageContaining("not an SQLite database");
			assertThat(snapshot(file)).isEqualTo(before);
		});
	}

	@Test
	void corruptedDatabaseIsRefusedWithSqlitesProblemsAndLeftUnchanged() throws IOException {
		Path file = corruptedDatabase();
		Snapshot before = snapshot(file);
		at(file).run((context) -> {
			DatabaseCorruptedException failure = cause(context.getStartupFailure(), DatabaseCorruptedException.class);
			assertThat(failure.getPath()).isEqualTo(file);
			assertThat(failure.getProblems()).isNotEmpty();
			assertThat(failure).hasMessageContaining(file.toString());
			assertThat(snapshot(file)).isEqualTo(before);
		});
	}

	@Test
	void databaseWhoseSchemaIsUnreadableIsRefusedAsCorruptedAndLeftUnchanged() throws IOException {
		Path file = this.dir.resolve("pm.db");
		Databases.execute(file, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
		scribble(file, 100, 1000);
		Snapshot before = snapshot(file);
		at(file).run((context) -> {
			DatabaseCorruptedException failure = cause(context.getStartupFailure(), DatabaseCorruptedException.class);
			assertThat(failure.getProblems()).singleElement().asString().contains("malformed");
			assertThat(snapshot(file)).isEqualTo(before);
		});
	}

	@Test
	void databaseLockedByAnotherProcessFailsClearlyAfterTheBusyTimeout() throws Exception {
		Path file = this.dir.resolve("pm.db");
		Databases.execute(file, "CREATE TABLE t (x)");
		try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
				Statement statement = other.createStatement()) {
			statement.execute("BEGIN EXCLUSIVE");
			at(file, "pm.db.busy-timeout=100ms").run((context) -> {
				DatabaseException failure = cause(context.getStartupFailure(), DatabaseException.class);
				assertThat(failure).hasMessageContaining("Cannot read database " + file)
					.hasMessageContaining("left unchanged")
					.hasMessageContaining("SQLITE_BUSY");
			});
			statement.execute("ROLLBACK");
		}
	}

	@Test
	void repeatableMigrationsAreNoSchemaVersionAndARemovedOneDoesNotBlock() {
		Path file = this.dir.resolve("pm.db");
		at(file, "pm.db.migration.locations=classpath:db/migration/base,classpath:db/repeatable").run((context) -> {
			assertThat(context.getBean(SqliteDatabase.class).getSchemaVersion()).hasValue("1");
			assertThat(context.getBean(JdbcTemplate.class).queryForList("SELECT name FROM item_names")).isEmpty();
		});
		at(file, "pm.db.migration.locations=classpath:db/migration/base")
			.run((context) -> assertThat(context.getBean(SqliteDatabase.class).getSchemaVersion()).hasValue("1"));
	}

	@Test
	void quickCheckAlsoRefusesACorruptedDatabase() throws IOException {
		Path file = corruptedDatabase();
		at(file, "pm.db.integrity-check=quick")
			.run((context) -> assertThat(cause(context.getStartupFailure(), DatabaseCorruptedException.class))
				.hasMessageContaining(file.toString()));
	}

	@Test
	void olderApplicationIsRefusedWhenANewerOneMigratesTheFileWhileItStarts() {
		Path file = this.dir.resolve("pm.db");
		at(file).withUserConfiguration(NewerApplicationStartsMeanwhile.class).run((context) -> {
			SchemaVersionMismatchException failure = cause(context.getStartupFailure(),
					SchemaVersionMismatchException.class);
			assertThat(failure.getFound()).isEqualTo("2");
			assertThat(failure.getExpected()).isEqualTo("1");
			assertThat(failure).hasMessageContaining("another application migrated the database to version 2");
		});
	}

	@Test
	void databaseFromANewerApplicationIsRefusedAndLeftUnchanged() {
		Path file = this.dir.resolve("pm.db");
		at(file, "pm.db.migration.locations=classpath:db/migration,classpath:db/newer")
			.run((context) -> assertThat(context).hasNotFailed());
		Snapshot before = snapshot(file);
		at(file).run((context) -> {
			SchemaVersionMismatchException failure = cause(context.getStartupFailure(),
					SchemaVersionMismatchException.class);
			assertThat(failure.getFound()).isEqualTo("3");
			assertThat(failure.getExpected()).isEqualTo("2");
			assertThat(failure).hasMessageContaining(file.toString());
			assertThat(snapshot(file)).isEqualTo(before);
		});
	}

	@Test
	void databaseNewerThanTheExpectedVersionIsRefused() {
		Path file = this.dir.resolve("pm.db");
		at(file).run((context) -> assertThat(context).hasNotFailed());
		at(file, "pm.db.migration.expected-version=1").run((context) -> {
			SchemaVersionMismatchException failure = cause(context.getStartupFailure(),
					SchemaVersionMismatchException.class);
			assertThat(failure.getFound()).isEqualTo("2");
			assertThat(failure.getExpected()).isEqualTo("1");
			assertThat(failure).hasMessageContaining("newer than this application");
		});
	}

	@Test
	void expectedVersionThatNoMigrationHasIsRefused() {
		at(this.dir.resolve("pm.db"), "pm.db.migration.expected-version=7").run((context) -> {
			SchemaVersionMismatchException failure = cause(context.getStartupFailure(),
					SchemaVersionMismatchException.class);
			assertThat(failure.getExpected()).isEqualTo("7");
			assertThat(failure.getFound()).isNull();
			assertThat(failure).hasMessageContaining("pm.db.migration.expected-version");
		});
	}

	@Test
	void olderDatabaseIsMigratedToTheLatestVersion() {
		Path file = this.dir.resolve("pm.db");
		at(file, "pm.db.migration.expected-version=1").run((context) -> {
			assertThat(context.getBean(SqliteDatabase.class).getSchemaVersion()).hasValue("1");
		});
		at(file).run((context) -> {
			assertThat(context.getBean(SqliteDatabase.class).getSchemaVersion()).hasValue("2");
			assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT count(*) FROM tag", Integer.class))
				.isZero();
		});
	}

	@Test
	void olderDatabaseWithMigrationDisabledIsRefusedAndLeftUnchanged() {
		Path file = this.dir.resolve("pm.db");
		at(file, "pm.db.migration.expected-version=1").run((context) -> assertThat(context).hasNotFailed());
		Snapshot before = snapshot(file);
		at(file, "pm.db.migration.enabled=false").run((context) -> {
			SchemaVersionMismatchException failure = cause(context.getStartupFailure(),
					SchemaVersionMismatchException.class);
			assertThat(failure.getFound()).isEqualTo("1");
			assertThat(failure.getExpected()).isEqualTo("2");
			assertThat(failure).hasMessageContaining("pm.db.migration.enabled is false");
			assertThat(snapshot(file)).isEqualTo(before);
		});
	}

	@Test
	void databaseWithAMigrationTheApplicationDoesNotKnowIsRefused() {
		Path file = this.dir.resolve("pm.db");
		at(file).run((context) -> assertThat(context).hasNotFailed());
		at(file, "pm.db.migration.locations=classpath:db/migration/base,classpath:db/newer").run((context) -> {
			SchemaVersionMismatchException failure = cause(context.getStartupFailure(),
					SchemaVersionMismatchException.class);
			assertThat(failure).hasMessageContaining("knows migrations this one does not");
		});
	}

	@Test
	void failingMigrationLeavesTheLastGoodVersionAndNamesTheMigration(CapturedOutput output) {
		Path file = this.dir.resolve("pm.db");
		at(file, "pm.db.migration.locations=classpath:db/migration/base,classpath:db/failing").run((context) -> {
			DatabaseMigrationException failure = cause(context.getStartupFailure(), DatabaseMigrationException.class);
			assertThat(failure.getMigration()).isEqualTo("V2__broken.sql");
			assertThat(failure.getVersion()).isEqualTo("1");
			assertThat(failure).hasMessageContaining("V2__broken.sql").hasMessageContaining(file.toString());
		});
		at(file, "pm.db.migration.locations=classpath:db/migration/base,classpath:db/failing",
				"pm.db.migration.expected-version=1")
			.run((context) -> {
				assertThat(context.getBean(SqliteDatabase.class).getSchemaVersion()).hasValue("1");
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForObject("SELECT count(*) FROM sqlite_master WHERE name = 'tag'", Integer.class))
					.isZero();
			});
		assertThat(output).contains("Migration of schema \"main\" to version \"2 - broken\" failed!");
	}

	@Test
	void migrationThatFlywaysValidationRefusesNamesNoMigrationAndSaysWhy() {
		Path file = this.dir.resolve("pm.db");
		at(file).run((context) -> context.getBean(JdbcTemplate.class)
			.update("UPDATE flyway_schema_history SET checksum = 42 WHERE version = '1'"));
		at(file, "pm.db.migration.locations=classpath:db/migration,classpath:db/newer").run((context) -> {
			DatabaseMigrationException failure = cause(context.getStartupFailure(), DatabaseMigrationException.class);
			assertThat(failure.getMigration()).isNull();
			assertThat(failure.getVersion()).isEqualTo("2");
			assertThat(failure).hasMessageContaining("Migrations have failed validation");
		});
	}

	@Test
	void integrityCheckThatCannotRunBehindAnotherConnectionsLockIsALockFailureNotCorruption() {
		Path file = this.dir.resolve("pm.db");
		at(file, "pm.db.journal-mode=delete", "pm.db.busy-timeout=100ms").run((context) -> {
			SqliteDatabase database = context.getBean(SqliteDatabase.class);
			try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
					Statement statement = other.createStatement()) {
				statement.execute("BEGIN EXCLUSIVE");
				statement.execute("INSERT INTO item (name) VALUES ('uncommitted')");
				assertThatExceptionOfType(CannotAcquireLockException.class).isThrownBy(database::checkIntegrity);
				statement.execute("ROLLBACK");
			}
			assertThat(database.checkIntegrity()).isTrue();
		});
	}

	@Test
	void databaseClosedCleanlyAndUnchangedSinceSkipsTheScanUntilTheIntervalIsOver(CapturedOutput output) {
		Path file = this.dir.resolve("pm.db");
		Path record = this.dir.resolve("pm.db-pmdb");
		at(file).run((context) -> context.getBean(JdbcTemplate.class).update("INSERT INTO item (name) VALUES ('a')"));
		assertThat(record).exists();
		at(file).run((context) -> {
			assertThat(output).contains("integrity unchanged since its clean close");
			// Taken at start: were this run to crash, the next start would check.
			assertThat(record).doesNotExist();
		});
		at(file, "pm.db.integrity-check-interval=0s").run((context) -> assertThat(context).hasNotFailed());
		assertThat(output.toString().split("integrity ok", -1)).hasSize(3);
	}

	@Test
	void databaseClosedCleanlyAndUnchangedWithTheSameMigrationsStartsWithoutAskingFlyway(CapturedOutput output) {
		Path file = this.dir.resolve("pm.db");
		at(file).withUserConfiguration(FlywayEvents.class)
			.run((context) -> assertThat(context.getBean(FlywayEvents.class).events).contains(Event.BEFORE_INFO));
		at(file).withUserConfiguration(FlywayEvents.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(FlywayEvents.class).events).isEmpty();
			assertThat(output).contains("schema version 2 (as at its clean close)");
			assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT count(*) FROM tag", Integer.class))
				.isZero();
		});
	}

	@Test
	void databaseClosedCleanlyIsMigratedWhenTheApplicationBringsANewMigration() {
		Path file = this.dir.resolve("pm.db");
		at(file, "pm.db.migration.locations=classpath:db/migration/base")
			.run((context) -> assertThat(context.getBean(SqliteDatabase.class).getSchemaVersion()).hasValue("1"));
		at(file).run((context) -> {
			assertThat(context.getBean(SqliteDatabase.class).getSchemaVersion()).hasValue("2");
			assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT count(*) FROM tag", Integer.class))
				.isZero();
		});
	}

	@Test
	void cleanCloseRecordWhoseVersionIsNotTheFilesIsNoReasonToSkipFlyway() throws IOException {
		Path file = this.dir.resolve("pm.db");
		Path record = this.dir.resolve("pm.db-pmdb");
		at(file).run((context) -> assertThat(context).hasNotFailed());
		String recorded = Files.readString(record);
		assertThat(recorded).contains("\nschema 2 ");
		Files.writeString(record, recorded.replace("\nschema 2 ", "\nschema 1 "));
		at(file).withUserConfiguration(FlywayEvents.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(FlywayEvents.class).events).contains(Event.BEFORE_INFO);
		});
	}

	@Test
	void cleanCloseRecordOfAnApplicationWhoseMigrationsNowHaveNoFingerprintIsNoReasonToSkipFlyway() {
		Path file = this.dir.resolve("pm.db");
		at(file).run((context) -> assertThat(context).hasNotFailed());
		at(file).withUserConfiguration(FlywayEvents.class)
			.withBean(FlywayConfigurationCustomizer.class,
					() -> (configuration) -> configuration.resolvers((MigrationResolver) (resolving) -> List.of()))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(FlywayEvents.class).events).contains(Event.BEFORE_INFO);
			});
	}

	@Test
	void databaseWithoutSchemaHistoryRecordsNoSchema() throws IOException {
		Path file = this.dir.resolve("pm.db");
		at(file, "pm.db.migration.locations=classpath:db/none").run((context) -> assertThat(context).hasNotFailed());
		assertThat(Files.readString(this.dir.resolve("pm.db-pmdb"))).doesNotContain("schema");
	}

	@Test
	void corruptedDatabaseCopiedOverACleanlyClosedOneOfTheSameSizeIsRefused() throws IOException {
		Path file = this.dir.resolve("pm.db");
		at(file).run((context) -> context.getBean(JdbcTemplate.class).update("INSERT INTO item (name) VALUES ('a')"));
		Path copy = this.dir.resolve("copy.db");
		Files.copy(file, copy);
		scribble(copy, 4096, 3000);
		Files.copy(copy, file, StandardCopyOption.REPLACE_EXISTING);
		assertThat(Files.size(file)).isEqualTo(Files.size(copy));
		at(file).run((context) -> assertThat(cause(context.getStartupFailure(), DatabaseCorruptedException.class))
			.hasMessageContaining(file.toString()));
	}

	@Test
	void pragmaThatAMigrationTurnedOffIsOnAgainWhenTheApplicationStarts() {
		at(this.dir.resolve("pm.db"), "pm.db.migration.locations=classpath:db/migration/base,classpath:db/pragma-off")
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForObject("PRAGMA foreign_keys", Integer.class)).isOne();
				assertThatExceptionOfType(DataIntegrityViolationException.class)
					.isThrownBy(() -> jdbc.update("INSERT INTO tag (item_id) VALUES (42)"));
			});
	}

	@Test
	void inMemoryDatabaseWorksAndLeavesNoFile() {
		this.contextRunner.withPropertyValues("pm.db.path=:memory:").run((context) -> {
			SqliteDatabase database = context.getBean(SqliteDatabase.class);
			assertThat(database.getPath().isInMemory()).isTrue();
			assertThat(database.getSchemaVersion()).hasValue("2");
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.update("INSERT INTO item (name) VALUES ('kept')");
			assertThat(jdbc.queryForObject("SELECT count(*) FROM item", Integer.class)).isEqualTo(1);
			assertThat(jdbc.queryForObject("PRAGMA journal_mode", String.class)).isEqualTo("memory");
		});
		assertThat(Path.of(":memory:")).doesNotExist();
	}

	@Test
	void quickIsTheCheckThatRunsAtStartUpAndOnDemandWhenConfigured() {
		Path file = databaseWithAnIndexOutOfStepWithItsTable();
		at(file, "pm.db.integrity-check=quick").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(SqliteDatabase.class).checkIntegrity()).isTrue();
		});
		at(file, "pm.db.integrity-check=full").run((context) -> assertThat(context).getFailure()
			.rootCause()
			.isInstanceOf(DatabaseCorruptedException.class)
			.hasMessageContaining("missing from index item_name_lower"));
	}

	// quick_check does not compare an index with its table; integrity_check does.
	private Path databaseWithAnIndexOutOfStepWithItsTable() {
		Path file = this.dir.resolve("pm.db");
		at(file).run((context) -> assertThat(context).hasNotFailed());
		Databases.execute(file, "INSERT INTO item (name) VALUES ('Alpha'), ('Beta')",
				"CREATE INDEX item_name_lower ON item (name)", "PRAGMA writable_schema = ON",
				"UPDATE sqlite_schema SET sql = 'CREATE INDEX item_name_lower ON item (lower(name))'"
						+ " WHERE name = 'item_name_lower'");
		return file;
	}

	@Test
	void databaseWithoutMigrationsHasNoSchemaVersion() {
		at(this.dir.resolve("pm.db"), "pm.db.migration.locations=classpath:db/none").run((context) -> {
			SqliteDatabase database = context.getBean(SqliteDatabase.class);
			assertThat(database.getSchemaVersion()).isEmpty();
			assertThat(database.checkIntegrity()).isTrue();
		});
	}

	@Test
	void skipsTheIntegrityCheckWhenConfiguredNone(CapturedOutput output) throws IOException {
		Path file = corruptedDatabase();
		at(file, "pm.db.integrity-check=none", "pm.db.migration.enabled=false",
				"pm.db.migration.locations=classpath:db/none")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("integrity not checked");
				assertThat(context.getBean(SqliteDatabase.class).checkIntegrity()).isFalse();
			});
		assertThat(output).contains("Could not optimize and checkpoint " + file + " before closing it");
	}

	@Test
	void logsOneLineWithPathVersionJournalModeIntegrityAndTime(CapturedOutput output) {
		Path file = this.dir.resolve("pm.db");
		at(file).run((context) -> assertThat(output).containsPattern("Database " + file
				+ " ready: schema version 2, journal mode wal, integrity ok, \\d+ read-only connection\\(s\\), \\d+ ms"));
	}

	@Test
	void reportsTheResolvedAbsolutePath() {
		Path file = this.dir.resolve("x/../pm.db");
		at(file).run((context) -> assertThat(context.getBean(SqliteDatabase.class).getPath().getFile())
			.isEqualTo(this.dir.resolve("pm.db")));
	}

	@Test
	void initializerAnswersTheQueriesOfTheContractAsTheDatabaseDoes() {
		Path file = this.dir.resolve("pm.db");
		at(file).run((context) -> {
			DatabaseInitializer initializer = context.getBean(DatabaseInitializer.class);
			assertThat(context.getBean(SqliteDatabase.class)).isSameAs(initializer.getDatabase());
			assertThat(initializer.getPath()).isEqualTo(file);
			assertThat(initializer.isInMemory()).isFalse();
			assertThat(initializer.getSchemaVersion()).hasValue("2");
			assertThat(initializer.checkIntegrity()).isTrue();
		});
	}

	private Path corruptedDatabase() throws IOException {
		Path file = this.dir.resolve("corrupt.db");
		Databases.execute(file, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)", "CREATE INDEX t_v ON t (v)",
				"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
						+ " INSERT INTO t (v) SELECT hex(randomblob(40)) FROM n");
		// The second page, where the table's b-tree starts.
		scribble(file, 4096, 3000);
		return file;
	}

	private static void scribble(Path file, long offset, int length) throws IOException {
		try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
			byte[] garbage = new byte[length];
			Arrays.fill(garbage, (byte) 0x5a);
			raw.seek(offset);
			raw.write(garbage);
		}
	}

	/**
	 * Another process of the same application starts on the same fresh file and commits
	 * its migrations at the moment {@code test.other-process-migrates} names: Flyway's
	 * event just before or just after this one reads the history.
	 */
	@Configuration(proxyBeanMethods = false)
	static class SameApplicationMigratesMeanwhile {

		volatile boolean otherProcessMigrated;

		@Bean
		DatabaseInitializer databaseInitializer(SqliteDataSource dataSource,
				@Value("${test.other-process-migrates}") Event moment) {
			Callback otherProcessMigrates = new BaseCallback() {

				// Outside Flyway's transaction: a reader's open transaction would make
				// the other process wait for it.
				@Override
				public boolean canHandleInTransaction(Event event, Context context) {
					return false;
				}

				@Override
				public void handle(Event event, Context context) {
					if (event == moment && !SameApplicationMigratesMeanwhile.this.otherProcessMigrated) {
						SameApplicationMigratesMeanwhile.this.otherProcessMigrated = true;
						Flyway.configure()
							.dataSource(new DriverManagerDataSource(dataSource.getPath().getJdbcUrl()))
							.locations("classpath:db/migration")
							.load()
							.migrate();
					}
				}

			};
			Flyway flyway = Flyway.configure()
				.dataSource(dataSource)
				.locations("classpath:db/migration")
				.callbacks(otherProcessMigrates)
				.load();
			return new SqliteDatabaseInitializer(dataSource,
					new PragmaApplier(List.of(), dataSource.getPath().getFile()), flyway.getConfiguration(),
					IntegrityCheck.FULL);
		}

	}

	/**
	 * The events of pm-db's Flyway, through a callback bean as an application would
	 * register one.
	 */
	@Configuration(proxyBeanMethods = false)
	static class FlywayEvents {

		final List<Event> events = new CopyOnWriteArrayList<>();

		@Bean
		Callback recordingCallback() {
			return new BaseCallback() {

				@Override
				public void handle(Event event, Context context) {
					FlywayEvents.this.events.add(event);
				}

			};
		}

	}

	/**
	 * An application at version 1 during whose start-up a newer one migrates the same
	 * file to version 2, after the older one decided and migrated, as two versions
	 * started together on a fresh path do.
	 */
	@Configuration(proxyBeanMethods = false)
	static class NewerApplicationStartsMeanwhile {

		@Bean
		DatabaseInitializer databaseInitializer(SqliteDataSource dataSource) {
			// Once the older application migrated (the PRAGMAs are verified after that),
			// and before it looks at the version again, the newer one migrates the file
			// on a connection of its own.
			PragmaApplier newerMigrates = new PragmaApplier(List.of(), dataSource.getPath().getFile()) {

				@Override
				public Map<String, String> apply(Connection connection) throws SQLException {
					Flyway.configure()
						.dataSource(new DriverManagerDataSource(dataSource.getPath().getJdbcUrl()))
						.locations("classpath:db/migration")
						.load()
						.migrate();
					return super.apply(connection);
				}

			};
			Flyway older = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/base").load();
			return new SqliteDatabaseInitializer(dataSource, newerMigrates, older.getConfiguration(),
					IntegrityCheck.FULL);
		}

	}

}
