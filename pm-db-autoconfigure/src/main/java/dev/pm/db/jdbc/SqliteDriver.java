package dev.pm.db.jdbc;

import java.sql.SQLException;
import java.time.Duration;

import dev.pm.db.DatabasePath;
import org.sqlite.JDBC;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * Opens connections to one database straight from sqlite-jdbc's driver, with the busy
 * timeout every pm-db connection shares: the shared connection of
 * {@link SqliteDataSource}, and the short-lived ones of the start-up checks and of
 * backups, which must not get the configured PRAGMAs (setting the journal mode writes to
 * the file).
 *
 * @author pm-db
 * @since 0.1.0
 */
public final class SqliteDriver {

	private final DatabasePath path;

	private final Duration busyTimeout;

	/**
	 * Create a driver for one database.
	 * @param path the database
	 * @param busyTimeout how long SQLite waits for a lock another process holds
	 */
	public SqliteDriver(DatabasePath path, Duration busyTimeout) {
		this.path = path;
		this.busyTimeout = busyTimeout;
	}

	/**
	 * Return the database this driver opens.
	 * @return the database path
	 */
	public DatabasePath getPath() {
		return this.path;
	}

	/**
	 * Return how long SQLite waits for a lock another process holds.
	 * @return the busy timeout
	 */
	public Duration getBusyTimeout() {
		return this.busyTimeout;
	}

	/**
	 * Open a connection that cannot write to the database, for checks that must run
	 * before anything changes it. Close it when done.
	 * @return a new read-only connection
	 * @throws SQLException if SQLite cannot open the database
	 */
	public SQLiteConnection openReadOnly() throws SQLException {
		SQLiteConfig config = new SQLiteConfig();
		config.setReadOnly(true);
		return open(config);
	}

	/**
	 * Open a writable connection without any PRAGMA, for work before the shared
	 * connection opens. Close it when done.
	 * @return a new writable connection
	 * @throws SQLException if SQLite cannot open the database
	 */
	public SQLiteConnection openWritable() throws SQLException {
		return open(new SQLiteConfig());
	}

	// Straight to the driver: DriverManager would scan every registered driver.
	SQLiteConnection open(SQLiteConfig config) throws SQLException {
		config.setBusyTimeout((int) this.busyTimeout.toMillis());
		return (SQLiteConnection) JDBC.createConnection(this.path.getJdbcUrl(), config.toProperties());
	}

}
