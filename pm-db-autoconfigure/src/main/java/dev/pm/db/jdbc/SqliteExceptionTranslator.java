package dev.pm.db.jdbc;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import dev.pm.db.DatabaseCorruptedException;
import dev.pm.db.DatabasePath;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.support.AbstractFallbackSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

/**
 * Translates SQLite's result codes into Spring's {@link DataAccessException} hierarchy.
 * sqlite-jdbc reports no SQL state, so Spring's defaults would turn every SQLite error
 * into an {@code UncategorizedSQLException}.
 *
 * @author pm-db
 * @since 0.1.0
 */
public class SqliteExceptionTranslator extends AbstractFallbackSQLExceptionTranslator {

	// SQLITE_ERROR covers more than grammar; these messages are the grammar ones.
	private static final List<String> GRAMMAR_MESSAGES = List.of("syntax error", "no such table", "no such column",
			"no such function", "no such index", "has no column named", "already exists", "ambiguous column name",
			"incomplete input", "unrecognized token");

	private final @Nullable Path path;

	private final @Nullable Duration busyTimeout;

	/**
	 * Create a translator.
	 * @param path the database file, named by corruption exceptions; {@code null} for an
	 * in-memory database
	 */
	public SqliteExceptionTranslator(@Nullable Path path) {
		this(path, null);
	}

	/**
	 * Create a translator that says how long SQLite waited for a lock.
	 * @param path the database file, named by the exceptions; {@code null} for an
	 * in-memory database
	 * @param busyTimeout how long SQLite waits for another connection's lock, or
	 * {@code null} if unknown
	 */
	public SqliteExceptionTranslator(@Nullable Path path, @Nullable Duration busyTimeout) {
		this.path = path;
		this.busyTimeout = busyTimeout;
		setFallbackTranslator(new SQLStateSQLExceptionTranslator());
	}

	@Override
	protected @Nullable DataAccessException doTranslate(String task, @Nullable String sql, SQLException ex) {
		if (!(ex instanceof SQLiteException sqliteException)) {
			return null;
		}
		SQLiteErrorCode code = sqliteException.getResultCode();
		String message = buildMessage(task, sql, ex);
		return switch (code.code & 0xff) {
			case 19 -> (code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
					|| code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE) ? new DuplicateKeyException(message, ex)
							: new DataIntegrityViolationException(message, ex);
			case 5 -> new CannotAcquireLockException(message + "; another connection, most likely another process,"
					+ " holds the write lock of " + database() + " and pm-db waited "
					+ ((this.busyTimeout != null) ? this.busyTimeout.toMillis() + " ms " : "")
					+ "(pm.db.busy-timeout) for it: raise pm.db.busy-timeout, or keep the other process's"
					+ " transactions short", ex);
			case 6 -> new CannotAcquireLockException(message, ex);
			case 11, 26 -> new DatabaseCorruptedException(this.path, List.of(String.valueOf(ex.getMessage())), ex);
			case 3, 8, 23 -> new PermissionDeniedDataAccessException(message, ex);
			case 13 -> new DataAccessResourceFailureException(message + "; the disk holding " + database()
					+ " is full (or the database reached PRAGMA max_page_count): the transaction was rolled back and"
					+ " what was committed before is intact; free some space and try again", ex);
			case 10, 14 -> new DataAccessResourceFailureException(message, ex);
			case 1 -> isGrammar(ex) ? new BadSqlGrammarException(task, (sql != null) ? sql : "", ex) : null;
			default -> null;
		};
	}

	private String database() {
		return DatabasePath.ofFile(this.path).toString();
	}

	private boolean isGrammar(SQLException ex) {
		String message = String.valueOf(ex.getMessage());
		return GRAMMAR_MESSAGES.stream().anyMatch(message::contains);
	}

}
