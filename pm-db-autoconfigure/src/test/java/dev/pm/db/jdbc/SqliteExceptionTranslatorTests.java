package dev.pm.db.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import dev.pm.db.DatabaseCorruptedException;
import dev.pm.db.autoconfigure.PmDbAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SqliteExceptionTranslatorTests {

	@TempDir
	Path dir;

	private final SqliteExceptionTranslator translator = new SqliteExceptionTranslator(Path.of("/data/pm.db"));

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PmDbAutoConfiguration.class))
			.withPropertyValues("pm.db.path=" + this.dir.resolve("pm.db"));
	}

	@Test
	void uniqueViolationIsADuplicateKey() {
		contextRunner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.update("INSERT INTO item (name) VALUES ('a')");
			assertThatExceptionOfType(DuplicateKeyException.class)
				.isThrownBy(() -> jdbc.update("INSERT INTO item (name) VALUES ('a')"))
				.withMessageContaining("INSERT INTO item");
		});
	}

	@Test
	void primaryKeyViolationIsADuplicateKey() {
		contextRunner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.update("INSERT INTO item (id, name) VALUES (1, 'a')");
			assertThatExceptionOfType(DuplicateKeyException.class)
				.isThrownBy(() -> jdbc.update("INSERT INTO item (id, name) VALUES (1, 'b')"));
		});
	}

	@Test
	void foreignKeyNotNullAndCheckViolationsAreIntegrityViolations() {
		contextRunner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.update("INSERT INTO item (id, name) VALUES (1, 'a')");
			assertIntegrityViolation(() -> jdbc.update("INSERT INTO tag (item_id, label) VALUES (99, 'x')"));
			assertIntegrityViolation(() -> jdbc.update("INSERT INTO item (name) VALUES (NULL)"));
			assertIntegrityViolation(() -> jdbc.update("INSERT INTO tag (item_id, label) VALUES (1, '')"));
		});
	}

	private void assertIntegrityViolation(Runnable statement) {
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(statement::run)
			.isNotInstanceOf(DuplicateKeyException.class);
	}

	@Test
	void missingTableAndSyntaxErrorAreBadGrammar() {
		contextRunner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThatExceptionOfType(BadSqlGrammarException.class)
				.isThrownBy(() -> jdbc.queryForList("SELECT * FROM no_such_table"))
				.satisfies((ex) -> assertThat(ex.getSql()).isEqualTo("SELECT * FROM no_such_table"));
			assertThatExceptionOfType(BadSqlGrammarException.class).isThrownBy(() -> jdbc.execute("SELEC 1"));
		});
	}

	@Test
	void grammarErrorWithoutStatementIsStillBadGrammar() {
		assertThat(this.translator.translate("task", null,
				new SQLiteException("[SQLITE_ERROR] SQL error (no such table: x)", SQLiteErrorCode.SQLITE_ERROR)))
			.isInstanceOf(BadSqlGrammarException.class);
	}

	@Test
	void writeWhileAnotherProcessHoldsTheLockIsALockFailure() {
		contextRunner().withPropertyValues("pm.db.busy-timeout=100ms").run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + this.dir.resolve("pm.db"));
					Statement statement = other.createStatement()) {
				statement.execute("BEGIN IMMEDIATE");
				assertThatExceptionOfType(CannotAcquireLockException.class)
					.isThrownBy(() -> jdbc.update("INSERT INTO item (name) VALUES ('blocked')"))
					.withMessageContaining("SQLITE_BUSY")
					.withMessageContaining("another process, holds the write lock of " + this.dir.resolve("pm.db"))
					.withMessageContaining("waited 100 ms (pm.db.busy-timeout)");
				statement.execute("ROLLBACK");
			}
		});
	}

	@Test
	void corruptionAndNotADatabaseAreDatabaseCorruptedNamingTheFile() {
		for (SQLiteErrorCode code : new SQLiteErrorCode[] { SQLiteErrorCode.SQLITE_CORRUPT,
				SQLiteErrorCode.SQLITE_NOTADB }) {
			DataAccessException translated = translate(code, "database disk image is malformed");
			assertThat(translated).isInstanceOf(DatabaseCorruptedException.class)
				.hasMessageContaining("/data/pm.db")
				.hasMessageContaining("malformed");
		}
	}

	@Test
	void busyWithoutAKnownTimeoutStillNamesTheProperty() {
		assertThat(new SqliteExceptionTranslator(null).translate("task", null,
				new SQLiteException("database is locked", SQLiteErrorCode.SQLITE_BUSY)))
			.isInstanceOf(CannotAcquireLockException.class)
			.hasMessageContaining("write lock of :memory: and pm-db waited (pm.db.busy-timeout)");
	}

	@Test
	void lockedTableIsALockFailure() {
		assertThat(translate(SQLiteErrorCode.SQLITE_LOCKED, "database table is locked"))
			.isInstanceOf(CannotAcquireLockException.class);
	}

	@Test
	void readOnlyDatabaseIsPermissionDenied() {
		assertThat(translate(SQLiteErrorCode.SQLITE_READONLY, "attempt to write a readonly database"))
			.isInstanceOf(PermissionDeniedDataAccessException.class);
	}

	@Test
	void fullDiskAndInputOutputErrorsAreResourceFailures() {
		assertThat(translate(SQLiteErrorCode.SQLITE_FULL, "database or disk is full"))
			.isInstanceOf(DataAccessResourceFailureException.class)
			.hasMessageContaining("the disk holding /data/pm.db is full")
			.hasMessageContaining("committed before is intact");
		assertThat(translate(SQLiteErrorCode.SQLITE_IOERR_WRITE, "disk I/O error"))
			.isInstanceOf(DataAccessResourceFailureException.class);
	}

	@Test
	void otherSqliteErrorsAreLeftUncategorized() {
		// No translation: JdbcTemplate reports an UncategorizedSQLException.
		assertThat(translate(SQLiteErrorCode.SQLITE_ERROR, "cannot start a transaction within a transaction")).isNull();
		assertThat(translate(SQLiteErrorCode.SQLITE_MISUSE, "misuse")).isNull();
	}

	@Test
	void untranslatedErrorsReachTheUserAsUncategorized() {
		contextRunner().run((context) -> assertThatExceptionOfType(UncategorizedSQLException.class)
			.isThrownBy(() -> context.getBean(JdbcTemplate.class)
				.queryForObject("SELECT abs(-9223372036854775808)", Long.class)));
	}

	@Test
	void exceptionsFromOtherDriversUseTheSqlStateFallback() {
		assertThat(this.translator.translate("task", "SELECT 1", new SQLException("duplicate", "23505")))
			.isInstanceOf(DuplicateKeyException.class);
	}

	@Test
	void inMemoryCorruptionHasNoPath() {
		DataAccessException translated = new SqliteExceptionTranslator(null).translate("task", null,
				new SQLiteException("malformed", SQLiteErrorCode.SQLITE_CORRUPT));
		assertThat(translated).isInstanceOf(DatabaseCorruptedException.class);
		assertThat(((DatabaseCorruptedException) translated).getPath()).isNull();
	}

	private DataAccessException translate(SQLiteErrorCode code, String message) {
		return this.translator.translate("task", "SELECT 1", new SQLiteException(message, code));
	}

}
