package dev.pm.db.init;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import dev.pm.db.DatabaseException;
import dev.pm.db.jdbc.SqliteDriver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * A transaction interrupted by a crash in rollback-journal mode (including the switch of
 * a fresh file to WAL) leaves a "hot" {@code -journal} that SQLite must play back before
 * anyone may read the database. A read-only connection cannot, so the start-up checks
 * would refuse the file for ever. Rolling the interrupted transaction back is what SQLite
 * is built to do: it restores the last commit, it does not repair anything. It runs only
 * on a file that is an SQLite database (or empty), with nothing but a read, so SQLite
 * does it and nothing else.
 *
 * @author pm-db
 */
final class HotJournal {

	private static final Log logger = LogFactory.getLog(HotJournal.class);

	private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

	// Extended codes read-only connections report for a journal or WAL they cannot play
	// back.
	private static final Map<SQLiteErrorCode, String> HINTS = Map
		.of(SQLiteErrorCode.SQLITE_READONLY_ROLLBACK,
				". A crash interrupted a transaction and left a hot journal (the -journal file) that SQLite must roll"
						+ " back before the database can be read; that needs write access to the database file and"
						+ " its directory for the user running this application",
				SQLiteErrorCode.SQLITE_READONLY_RECOVERY,
				". A crash left a write-ahead log (the -wal file) that SQLite must recover before the database can be"
						+ " read; that needs write access to the database file, its -wal and -shm files and their"
						+ " directory for the user running this application");

	private HotJournal() {
	}

	/**
	 * Return whether a read-only connection failed because a crash left work for SQLite
	 * to undo.
	 * @param ex what the read-only connection reported
	 * @return {@code true} when a writable connection would recover the database
	 */
	static boolean isReason(SQLiteException ex) {
		return HINTS.containsKey(ex.getResultCode());
	}

	/**
	 * Return what the user may do about a failure to read the database, or nothing.
	 * @param ex the failure
	 * @return a sentence to append to the message, or an empty string
	 */
	static String hintFor(SQLException ex) {
		// By name: the error code of a JDBC exception is only SQLite's primary code.
		String message = String.valueOf(ex.getMessage());
		return HINTS.entrySet()
			.stream()
			.filter((hint) -> message.contains("[" + hint.getKey().name() + "]"))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse("");
	}

	/**
	 * Let SQLite roll back the interrupted transaction, on a database file that is one.
	 * @param driver opens a separate writable connection
	 * @throws DatabaseException if the file is not an SQLite database (it is left
	 * unchanged)
	 * @throws SQLException if SQLite cannot open the database for writing
	 */
	static void rollBack(SqliteDriver driver) throws SQLException {
		Path file = Objects.requireNonNull(driver.getPath().getFile(), "an in-memory database has no journal");
		// Bytes are read before any connection of this process is open, so no SQLite lock
		// is lost.
		requireDatabaseOrEmpty(file);
		try (Connection connection = driver.openWritable(); Statement statement = connection.createStatement()) {
			statement.executeQuery("PRAGMA schema_version").close();
		}
		logger.warn("Database " + file + " had a transaction interrupted by a crash (a hot journal); SQLite rolled"
				+ " it back to the last commit before the start-up checks");
	}

	private static void requireDatabaseOrEmpty(Path file) {
		byte[] start;
		try (InputStream in = Files.newInputStream(file)) {
			start = in.readNBytes(HEADER.length);
		}
		catch (IOException ex) {
			throw new DatabaseException(file, "Cannot read database file " + file + ": " + ex, ex);
		}
		if (start.length > 0 && !Arrays.equals(start, HEADER)) {
			throw new DatabaseException(file, "Database file " + file + " is not an SQLite database, yet a journal"
					+ " beside it asks for a rollback; both were left unchanged");
		}
	}

}
