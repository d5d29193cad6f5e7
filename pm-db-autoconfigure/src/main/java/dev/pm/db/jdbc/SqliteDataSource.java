package dev.pm.db.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

import dev.pm.db.DatabasePath;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
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
 * configured PRAGMAs are applied and verified each time the physical connection is
 * opened, including after {@link #resetConnection()}.
 * <p>
 * The physical connection is opened lazily, by the first lease, so creating this bean
 * touches no file.
 * <p>
 * With {@linkplain #setReaders(int, PragmaApplier) readers}, a read-only transaction that
 * a pm-db transaction manager begins outside any other transaction runs on one of a few
 * read-only connections instead, so that it neither waits for the writer nor makes the
 * writer wait: the transaction manager {@linkplain #beginOnReader(Object) routes} the
 * thread to the readers until the transaction ends, and every connection the thread takes
 * meanwhile is a lease of its reader. Everything else, read-only transactions nested in
 * read-write ones included, uses the one writer connection. To read on a reader outside
 * {@code @Transactional(readOnly = true)}, use a {@code TransactionTemplate} whose
 * {@code readOnly} is set.
 *
 * @author pm-db
 */
public class SqliteDataSource extends SingleConnectionDataSource {

	private static final Log logger = LogFactory.getLog(SqliteDataSource.class);

	private static final String CLOSE_EVERY_CONNECTION = "Close every connection taken from the DataSource"
			+ " (try-with-resources), or use JdbcTemplate/JdbcClient";

	private final SqliteDriver driver;

	private final DatabasePath path;

	private final PragmaApplier pragmaApplier;

	private final ConnectionLease lease;

	private final TransactionMode writeMode;

	private final int statementCacheSize;

	// Statements belong to the physical connection: a new one starts with a new cache.
	private volatile StatementCache statements;

	private Duration shutdownTimeout = Duration.ofSeconds(10);

	private Runnable cleanCloseListener = () -> {
	};

	// The open physical connection, once PRAGMAs were applied to it.
	private volatile @Nullable SQLiteConnection physical;

	private ReaderConnections readers = ReaderConnections.none();

	private int requestedReaders;

	private WalLimit walLimit = WalLimit.none();

	// The read-only transaction the current thread runs on a reader, if it does.
	private final ThreadLocal<@Nullable Object> readerTransaction = new ThreadLocal<>();

	/**
	 * Create a data source.
	 * @param path the database
	 * @param pragmaApplier the PRAGMAs to apply to every physical connection
	 * @param busyTimeout how long a thread waits for the connection (and SQLite for a
	 * lock)
	 * @param writeMode how read-write transactions begin
	 * @param statementCacheSize how many prepared statements to keep for reuse; {@code 0}
	 * keeps none
	 */
	public SqliteDataSource(DatabasePath path, PragmaApplier pragmaApplier, Duration busyTimeout,
			TransactionMode writeMode, int statementCacheSize) {
		this(new SqliteDriver(path, busyTimeout), pragmaApplier, writeMode, statementCacheSize);
	}

	/**
	 * Create a data source whose connection a driver opens; threads wait for it as long
	 * as SQLite waits for a lock (the driver's busy timeout).
	 * @param driver opens the physical connection
	 * @param pragmaApplier the PRAGMAs to apply to every physical connection
	 * @param writeMode how read-write transactions begin
	 * @param statementCacheSize how many prepared statements to keep for reuse; {@code 0}
	 * keeps none
	 */
	public SqliteDataSource(SqliteDriver driver, PragmaApplier pragmaApplier, TransactionMode writeMode,
			int statementCacheSize) {
		super(driver.getPath().getJdbcUrl(), false);
		this.driver = driver;
		this.path = driver.getPath();
		this.pragmaApplier = pragmaApplier;
		this.lease = new ConnectionLease(driver.getBusyTimeout(), this::reclaimedFromDeadThread);
		this.writeMode = writeMode;
		this.statementCacheSize = statementCacheSize;
		this.statements = new StatementCache(statementCacheSize);
	}

	/**
	 * Return the PRAGMAs applied to the writer connection each time it is opened, which
	 * the initializer verifies again after migrations.
	 * @return the writer's PRAGMAs
	 * @since 0.1.0
	 */
	public PragmaApplier getPragmaApplier() {
		return this.pragmaApplier;
	}

	/**
	 * Set how long {@link #destroy()} waits for a transaction in progress before it
	 * closes the connection, which rolls that transaction back.
	 * @param shutdownTimeout the longest wait
	 */
	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	/**
	 * Set what to do once {@link #destroy()} closed the database cleanly: every
	 * transaction ended, the write-ahead log checkpointed into the database.
	 * @param cleanCloseListener called after a clean close, never after an unclean one
	 */
	public void setCleanCloseListener(Runnable cleanCloseListener) {
		this.cleanCloseListener = cleanCloseListener;
	}

	/**
	 * Set how many read-only connections serve read-only transactions beside the writer;
	 * {@code 0} serves them from the writer. An in-memory database has none: each
	 * connection to {@code :memory:} would be another, empty database. Call before the
	 * first connection is taken.
	 * @param count the number of read-only connections
	 * @param pragmaApplier the PRAGMAs to apply to each of them (including
	 * {@code query_only})
	 */
	public void setReaders(int count, PragmaApplier pragmaApplier) {
		this.requestedReaders = count;
		this.readers = this.path.isInMemory() ? ReaderConnections.none()
				: ReaderConnections.of(count, this.driver, pragmaApplier, this.statementCacheSize);
	}

	/**
	 * Keep the write-ahead log near {@code limit} while reads never let the database be
	 * idle: past half of it, the writer runs a {@code RESTART} checkpoint as it is handed
	 * back, now and then (see {@code WalLimit}). Not with replication, which alone may
	 * checkpoint. Call before the first connection is taken.
	 * @param limit the size in bytes ({@code journal_size_limit}); {@code 0} or less
	 * turns the limit off
	 */
	public void setWalLimit(long limit) {
		Path file = this.path.getFile();
		this.walLimit = (limit > 0 && file != null)
				? new WalLimit(DatabasePath.companionOf(file, "-wal"), limit, this.driver.getBusyTimeout())
				: WalLimit.none();
	}

	/**
	 * Return how many read-only connections serve read-only transactions.
	 * @return the number of readers, {@code 0} when the writer serves them
	 */
	public int getReaderCount() {
		return this.readers.count();
	}

	/**
	 * Describe, for the start-up log line, where read-only transactions run.
	 * @return the description
	 */
	public String describeReaders() {
		if (this.readers.count() > 0) {
			return this.readers.count() + " read-only connection(s)";
		}
		return (this.requestedReaders > 0)
				? "read-only transactions on the writer: each connection to an in-memory"
						+ " database would be another database"
				: "read-only transactions on the writer (pm.db.readers=0)";
	}

	/**
	 * Set after how long a connection held by one thread is reported as a possible leak,
	 * with the place it was taken; {@link Duration#ZERO} turns the report off.
	 * @param leakWarning the longest hold that is not reported
	 */
	public void setLeakWarning(Duration leakWarning) {
		this.lease.setLeakWarning(leakWarning);
		this.readers.setLeakWarning(leakWarning);
	}

	/**
	 * Set who is told when a thread takes and hands back the connection (metrics).
	 * @param listener the listener, called on the hot path
	 */
	public void setLeaseListener(LeaseListener listener) {
		this.lease.setListener(listener);
	}

	/**
	 * Set who is told when a thread takes and hands back a read-only connection.
	 * @param listener the listener, called on the hot path
	 */
	public void setReaderLeaseListener(LeaseListener listener) {
		this.readers.setListener(listener);
	}

	/**
	 * Return who holds each read-only connection now, without waiting for them.
	 * @return the status of each reader's lease, empty without readers
	 */
	public List<LeaseStatus> getReaderStatuses() {
		return this.readers.statuses();
	}

	/**
	 * Route the current thread to a read-only connection for a read-only transaction
	 * about to begin, if there are readers; until {@link #endOnReader(Object)}, every
	 * connection the thread takes is a lease of its reader.
	 * @param transaction the transaction, which alone ends the routing
	 * @return whether the thread was routed to a reader
	 */
	public boolean beginOnReader(Object transaction) {
		if (this.readers.count() == 0) {
			return false;
		}
		this.readerTransaction.set(transaction);
		return true;
	}

	/**
	 * End the routing of the current thread to its reader, if {@code transaction} began
	 * it.
	 * @param transaction the transaction that ended
	 */
	public void endOnReader(Object transaction) {
		if (this.readerTransaction.get() == transaction) {
			this.readerTransaction.remove();
		}
	}

	/**
	 * Return who holds the connection now, without waiting for it.
	 * @return the status of the lease
	 */
	public LeaseStatus getLeaseStatus() {
		return this.lease.status();
	}

	/**
	 * Lease the shared connection if it is free, or becomes free within {@code wait}; for
	 * callers that must not queue behind a long transaction (a health check).
	 * @param wait how long to wait at most
	 * @return the leased connection, or {@code null} if another thread kept it
	 * @throws SQLException if the connection cannot be opened
	 */
	public @Nullable Connection getConnectionIfFree(Duration wait) throws SQLException {
		try {
			if (!this.lease.tryAcquire(wait)) {
				return null;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		return leased(this.lease.generation());
	}

	// On the thread that took the connection over from a thread that died holding it.
	private void reclaimedFromDeadThread(Thread dead) throws SQLException {
		// The dead thread opened it, or it could not have held the lease.
		SQLiteConnection shared = Objects.requireNonNull(this.physical);
		if (!shared.isClosed() && !shared.getAutoCommit()) {
			TransactionState.rollBack(shared);
		}
		logger.error("Thread '" + dead.getName() + "' died holding the connection to " + this.path
				+ " without closing it; its open transaction was rolled back and thread '"
				+ Thread.currentThread().getName() + "' took the connection over");
	}

	/**
	 * Return the database this data source connects to.
	 * @return the database path
	 */
	public DatabasePath getPath() {
		return this.path;
	}

	/**
	 * Return the driver that opens this data source's connection, for connections of
	 * their own to the same database (start-up checks, backups).
	 * @return the driver
	 */
	public SqliteDriver getDriver() {
		return this.driver;
	}

	/**
	 * Lease the shared connection, waiting up to the busy timeout while another thread
	 * holds it. Close the returned connection to end the lease.
	 * @return the leased connection
	 * @throws org.springframework.dao.CannotAcquireLockException if another thread held
	 * the connection for longer than the busy timeout
	 */
	@Override
	public Connection getConnection() throws SQLException {
		if (this.readerTransaction.get() != null) {
			return this.readers.lease();
		}
		return leased(this.lease.acquire());
	}

	// Called with the lease taken: hand it out, or give it back if the connection cannot
	// open.
	private Connection leased(int generation) throws SQLException {
		try {
			return LeasedConnection.create(openPhysicalConnection(), this.lease, generation, this.writeMode,
					this.statements, this.walLimit);
		}
		catch (SQLException | RuntimeException ex) {
			this.lease.release();
			throw ex;
		}
	}

	// Called with the lease held.
	private SQLiteConnection openPhysicalConnection() throws SQLException {
		SQLiteConnection shared = this.physical;
		if (shared != null && !shared.isClosed()) {
			return shared;
		}
		if (shared != null) {
			logger.warn("The connection to " + this.path + " was closed by application code (through"
					+ " getTargetConnection() or unwrap()); opening it again. Close the connection you got from"
					+ " the DataSource instead: that ends the lease and keeps the physical connection");
			resetConnection();
		}
		return (SQLiteConnection) super.getConnection();
	}

	/**
	 * Before a new transaction begins on the current thread: if the thread still holds a
	 * lease with a transaction open, that transaction belongs to a connection taken and
	 * never closed (an exception skipped the {@code close()}), and the new transaction
	 * would otherwise join it and commit its work. Roll it back, end the thread's leases
	 * and log it. A read-only connection the thread still holds was likewise taken and
	 * never closed: its lease ends too.
	 * @throws SQLException if SQLite cannot roll back
	 */
	public void rollBackAbandonedTransaction() throws SQLException {
		logReadersLeftOpen(this.readers.reclaimHeldByCurrentThread(), "when a new transaction began on that thread");
		SQLiteConnection shared = this.physical;
		if (shared == null || !this.lease.isHeldByCurrentThread() || shared.isClosed() || shared.getAutoCommit()) {
			return;
		}
		TransactionState.rollBack(shared);
		this.lease.reclaim();
		logger.error("Rolled back a transaction that thread '" + Thread.currentThread().getName() + "' left open on "
				+ this.path + " through a connection it took and never closed, before a new"
				+ " transaction began on that thread; that connection can no longer be used. "
				+ CLOSE_EVERY_CONNECTION);
	}

	/**
	 * After a transaction on the current thread ended: a lease it took inside the
	 * transaction and never closed (Flyway's {@code info()} inside a transaction leaves
	 * one, so does code that skips a {@code close()}) would keep the connection from
	 * every other thread until the busy timeout, for as long as the thread lives. End
	 * such leases and log it. A lease the thread held before the transaction began is its
	 * own and stays, and leases taken inside the transaction stay with it.
	 * @param writerHeldBefore whether the thread held the writer connection as the
	 * transaction began
	 */
	public void endLeasesLeftOpen(boolean writerHeldBefore) {
		logReadersLeftOpen(this.readers.endLeasesOfCurrentThread(), "when the transaction it took it in ended");
		if (writerHeldBefore || !this.lease.isHeldByCurrentThread()) {
			return;
		}
		// No rollback: the transaction manager has just ended the transaction, and a
		// lease that joins a transaction cannot begin one of its own.
		this.lease.reclaim();
		logger.error("Thread '" + Thread.currentThread().getName() + "' still held the connection to " + this.path
				+ " through a connection it took inside a transaction and never closed, when the transaction"
				+ " ended; pm-db ended that lease so that other threads are not kept waiting, and the connection"
				+ " can no longer be used. " + CLOSE_EVERY_CONNECTION);
	}

	/**
	 * Whether the current thread holds the writer connection: a lease of it is open.
	 * @return whether it does
	 */
	public boolean isHeldByCurrentThread() {
		return this.lease.isHeldByCurrentThread();
	}

	// A reader is leased only inside a read-only transaction: one the thread still held
	// outside one was never closed.
	private void logReadersLeftOpen(List<String> readers, String when) {
		if (!readers.isEmpty()) {
			logger.error("Thread '" + Thread.currentThread().getName() + "' still held " + readers + " of " + this.path
					+ " through a connection it took in a read-only transaction and never closed, " + when
					+ "; that connection can no longer be used. " + CLOSE_EVERY_CONNECTION);
		}
	}

	/**
	 * Close the connection cleanly: wait up to the shutdown timeout for a transaction in
	 * progress, let SQLite {@code optimize} and checkpoint the write-ahead log into the
	 * database ({@code TRUNCATE}), then close. A transaction still running after the
	 * timeout is rolled back by the close, never committed half-way. The read-only
	 * connections close first, within the same timeout, since a read still open would
	 * keep the checkpoint from emptying the log.
	 */
	@Override
	public void destroy() {
		if (closeCleanly()) {
			this.cleanCloseListener.run();
		}
	}

	private boolean closeCleanly() {
		SQLiteConnection shared = this.physical;
		long start = System.nanoTime();
		try {
			closeReaders();
			if (shared == null || shared.isClosed()) {
				return false;
			}
			Duration left = this.shutdownTimeout.minusNanos(System.nanoTime() - start);
			if (!this.lease.tryAcquire(left.isNegative() ? Duration.ZERO : left)) {
				logger.warn("Closing " + this.path + " while thread '" + this.lease.holderName()
						+ "' still has it after " + this.shutdownTimeout.toMillis()
						+ " ms (pm.db.shutdown-timeout); its transaction is rolled back");
				return false;
			}
			try (Statement statement = shared.createStatement()) {
				statement.execute("PRAGMA optimize");
				statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
			}
			finally {
				this.lease.release();
			}
			return true;
		}
		catch (SQLException ex) {
			logger.warn("Could not optimize and checkpoint " + this.path + " before closing it: " + ex);
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			logger.warn("Interrupted while waiting to close " + this.path + "; its transaction is rolled back");
			return false;
		}
		finally {
			super.destroy();
		}
	}

	// A read cut short loses nothing: the close stays clean.
	private void closeReaders() throws InterruptedException, SQLException {
		List<String> held = this.readers.close(this.shutdownTimeout);
		if (!held.isEmpty()) {
			logger.warn("Closing " + this.path + " while " + held + " still read after "
					+ this.shutdownTimeout.toMillis() + " ms (pm.db.shutdown-timeout); those reads fail");
		}
	}

	/**
	 * Tell Spring's {@code DataSourceUtils} what to close: a lease, which only closing
	 * ends, but never the physical connection itself (reached through
	 * {@code getTargetConnection()}), which the next lease uses.
	 * @param connection a connection from this data source
	 * @return whether releasing it must close it
	 */
	@Override
	public boolean shouldClose(Connection connection) {
		return connection != this.physical;
	}

	@Override
	protected Connection getConnectionFromDriver(Properties props) throws SQLException {
		SQLiteConfig config = new SQLiteConfig(props);
		config.setTransactionMode(this.writeMode.driverMode());
		return this.driver.open(config);
	}

	@Override
	protected void prepareConnection(Connection connection) throws SQLException {
		super.prepareConnection(connection);
		this.statements = new StatementCache(this.statementCacheSize);
		this.pragmaApplier.apply(connection);
		this.physical = (SQLiteConnection) connection;
	}

}
