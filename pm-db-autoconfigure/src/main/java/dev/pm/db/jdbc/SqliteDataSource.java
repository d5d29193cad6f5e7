package dev.pm.db.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

import dev.pm.db.DatabasePath;
import org.sqlite.JDBC;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The application's one SQLite connection, leased to one thread at a time.
 * <p>
 * Every connection handed out is a lease: the thread that holds it has the physical
 * connection to itself until it closes it, and other threads wait up to the busy timeout,
 * then fail with a {@link org.springframework.dao.CannotAcquireLockException}. The same
 * thread may hold several leases at once (a transaction and a template inside it). The
 * configured PRAGMAs are applied and verified each time the physical connection is opened,
 * including after {@link #resetConnection()}.
 * <p>
 * The physical connection is opened lazily, by the first lease, so creating this bean
 * touches no file.
 *
 * @author pm-db
 */
public class SqliteDataSource extends SingleConnectionDataSource {

	private final DatabasePath path;

	private final PragmaApplier pragmaApplier;

	private final ConnectionLease lease;

	private final Duration busyTimeout;

	private final TransactionMode writeMode;

	private final int statementCacheSize;

	// Statements belong to the physical connection: a new one starts with a new cache.
	private volatile StatementCache statements;

	/**
	 * Create a data source.
	 * @param path the database
	 * @param pragmaApplier the PRAGMAs to apply to every physical connection
	 * @param busyTimeout how long a thread waits for the connection (and SQLite for a lock)
	 * @param writeMode how read-write transactions begin
	 * @param statementCacheSize how many prepared statements to keep for reuse; {@code 0}
	 * keeps none
	 */
	public SqliteDataSource(DatabasePath path, PragmaApplier pragmaApplier, Duration busyTimeout,
			TransactionMode writeMode, int statementCacheSize) {
		super(path.getJdbcUrl(), false);
		this.path = path;
		this.pragmaApplier = pragmaApplier;
		this.lease = new ConnectionLease(busyTimeout);
		this.busyTimeout = busyTimeout;
		this.writeMode = writeMode;
		this.statementCacheSize = statementCacheSize;
		this.statements = new StatementCache(statementCacheSize);
	}

	/**
	 * Return the database this data source connects to.
	 * @return the database path
	 */
	public DatabasePath getPath() {
		return this.path;
	}

	/**
	 * Lease the shared connection, waiting up to the busy timeout while another thread holds
	 * it. Close the returned connection to end the lease.
	 * @return the leased connection
	 * @throws org.springframework.dao.CannotAcquireLockException if another thread held the
	 * connection for longer than the busy timeout
	 */
	@Override
	public Connection getConnection() throws SQLException {
		this.lease.acquire();
		try {
			SQLiteConnection shared = (SQLiteConnection) super.getConnection();
			return LeasedConnection.create(shared, this.lease, this.writeMode, this.statements);
		}
		catch (SQLException | RuntimeException ex) {
			this.lease.release();
			throw ex;
		}
	}

	/**
	 * Apply and verify the PRAGMAs again on the open connection, for example after
	 * migrations that changed them.
	 * @throws SQLException if SQLite refuses a PRAGMA
	 */
	public void reapplyPragmas() throws SQLException {
		try (Connection connection = getConnection()) {
			this.pragmaApplier.apply(connection);
		}
	}

	/**
	 * Open a connection that cannot write to the database file, for checks that must run
	 * before anything changes it. An in-memory database has no file, so this leases the shared
	 * connection instead. Close the returned connection when done.
	 * @return a read-only connection
	 * @throws SQLException if SQLite cannot open the database
	 */
	public Connection openInspectionConnection() throws SQLException {
		if (this.path.isInMemory()) {
			return getConnection();
		}
		SQLiteConfig config = new SQLiteConfig();
		config.setReadOnly(true);
		config.setBusyTimeout((int) this.busyTimeout.toMillis());
		return JDBC.createConnection(this.path.getJdbcUrl(), config.toProperties());
	}

	@Override
	protected Connection getConnectionFromDriver(Properties props) throws SQLException {
		// Straight to the driver: DriverManager would scan every registered driver.
		SQLiteConfig config = new SQLiteConfig(props);
		config.setBusyTimeout((int) this.busyTimeout.toMillis());
		config.setTransactionMode(this.writeMode.driverMode());
		return JDBC.createConnection(this.path.getJdbcUrl(), config.toProperties());
	}

	@Override
	protected void prepareConnection(Connection connection) throws SQLException {
		super.prepareConnection(connection);
		this.statements = new StatementCache(this.statementCacheSize);
		this.pragmaApplier.apply(connection);
	}

}
