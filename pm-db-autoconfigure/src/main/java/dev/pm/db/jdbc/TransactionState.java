package dev.pm.db.jdbc;

import java.sql.SQLException;

import org.sqlite.SQLiteConnection;
import org.sqlite.core.DB;

/**
 * Whether SQLite itself has a transaction open on a connection. sqlite-jdbc keeps its own
 * auto-commit flag, which goes wrong when a statement fails: it flags a transaction
 * before its {@code BEGIN} runs (so a {@code BEGIN} that timed out leaves it flagged),
 * and SQLite rolls a transaction back by itself on some errors ({@code SQLITE_FULL}, some
 * {@code SQLITE_IOERR}, {@code SQLITE_NOMEM}, {@code SQLITE_BUSY}) without the flag
 * knowing. After a failure the flag is set from SQLite's own state again, so that Spring
 * never runs statements in auto-commit it believes to be inside a transaction.
 *
 * @author pm-db
 */
final class TransactionState {

	private TransactionState() {
	}

	/**
	 * Return whether SQLite has a transaction open: a {@code BEGIN} is refused inside
	 * one. Only for failure paths: the probe runs two statements.
	 */
	static boolean isOpen(SQLiteConnection connection) throws SQLException {
		DB database = connection.getDatabase();
		try {
			database._exec("BEGIN DEFERRED");
		}
		catch (SQLException ex) {
			return true;
		}
		// A deferred BEGIN takes no lock, so ending it changes nothing.
		database._exec("COMMIT");
		return false;
	}

	/**
	 * Set sqlite-jdbc's auto-commit flag from SQLite's own state.
	 * @return whether a transaction is open
	 */
	static boolean resynchronize(SQLiteConnection connection) throws SQLException {
		boolean open = isOpen(connection);
		connection.getConnectionConfig().setAutoCommit(!open);
		return open;
	}

	/**
	 * Roll back the open transaction in one statement, and leave the connection in
	 * auto-commit. A transaction SQLite already rolled back by itself is no error.
	 */
	static void rollBack(SQLiteConnection connection) throws SQLException {
		try {
			connection.getDatabase()._exec("ROLLBACK");
		}
		catch (SQLException ex) {
			if (resynchronize(connection)) {
				throw ex;
			}
			return;
		}
		connection.getConnectionConfig().setAutoCommit(true);
	}

}
