package dev.pm.db.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * One read-only connection beside the writer, leased to one thread at a time as the
 * writer is, with its own statements. It is opened read-only and {@code query_only}, with
 * the writer's PRAGMAs verified the same way, lazily by its first lease, and opened again
 * by the next lease when it was closed.
 *
 * @author pm-db
 */
final class ReaderConnection {

	private static final Log logger = LogFactory.getLog(ReaderConnection.class);

	private final SqliteDriver driver;

	private final PragmaApplier pragmaApplier;

	private final int statementCacheSize;

	private final ConnectionLease lease;

	private final String name;

	// Statements belong to the physical connection: a new one starts with a new cache.
	private volatile StatementCache statements;

	private volatile @Nullable SQLiteConnection physical;

	ReaderConnection(int number, SqliteDriver driver, PragmaApplier pragmaApplier, int statementCacheSize) {
		this.driver = driver;
		this.pragmaApplier = pragmaApplier;
		this.statementCacheSize = statementCacheSize;
		this.name = "read-only connection " + number;
		this.lease = new ConnectionLease(driver.getBusyTimeout(), this::reclaimedFromDeadThread, this.name);
		this.statements = new StatementCache(statementCacheSize);
	}

	ConnectionLease lease() {
		return this.lease;
	}

	String name() {
		return this.name;
	}

	/**
	 * Return a lease if this reader is free now, else {@code null}.
	 */
	@Nullable Connection tryLease() throws SQLException {
		return this.lease.tryTake() ? leased(this.lease.generation()) : null;
	}

	/**
	 * Return a lease, waiting up to the busy timeout while another thread holds it.
	 */
	Connection awaitLease() throws SQLException {
		return leased(this.lease.acquire());
	}

	// Called with the lease taken: hand it out, or give it back if the connection cannot
	// open.
	private Connection leased(int generation) throws SQLException {
		try {
			// Read-only transactions begin DEFERRED whatever the writer's mode.
			return LeasedConnection.create(open(), this.lease, generation, TransactionMode.DEFERRED, this.statements,
					WalLimit.none());
		}
		catch (SQLException | RuntimeException ex) {
			this.lease.release();
			throw ex;
		}
	}

	// Called with the lease held.
	private SQLiteConnection open() throws SQLException {
		SQLiteConnection current = this.physical;
		if (current != null && !current.isClosed()) {
			return current;
		}
		SQLiteConfig config = new SQLiteConfig();
		config.setReadOnly(true);
		config.setTransactionMode(TransactionMode.DEFERRED.driverMode());
		SQLiteConnection opened = this.driver.open(config);
		try {
			this.pragmaApplier.apply(opened);
		}
		catch (SQLException | RuntimeException ex) {
			opened.close();
			throw ex;
		}
		this.statements = new StatementCache(this.statementCacheSize);
		this.physical = opened;
		return opened;
	}

	// On the thread that took the reader over from a thread that died holding it.
	private void reclaimedFromDeadThread(Thread dead) throws SQLException {
		// The dead thread opened it, or it could not have held the lease; it held it
		// for a transaction, which ends (the rollback is no error without one).
		TransactionState.rollBack(Objects.requireNonNull(this.physical));
		logger.error("Thread '" + dead.getName() + "' died holding " + this.name + " to " + this.driver.getPath()
				+ " without closing it; its read was ended and" + " thread '" + Thread.currentThread().getName()
				+ "' took the connection over");
	}

	/**
	 * End the leases of this reader that the current thread holds, and its read with
	 * them: a reader is leased only for a read-only transaction, so a lease still held
	 * when a new transaction begins on the thread was never closed.
	 * @return whether the current thread held this reader
	 */
	boolean reclaimIfHeldByCurrentThread() throws SQLException {
		if (!this.lease.isHeldByCurrentThread()) {
			return false;
		}
		try {
			TransactionState.rollBack(Objects.requireNonNull(this.physical));
		}
		finally {
			this.lease.reclaim();
		}
		return true;
	}

	/**
	 * End the leases of this reader that the current thread holds after the read-only
	 * transaction it took them in ended: they were never closed, and the read ended with
	 * the transaction.
	 * @return whether the current thread held this reader
	 */
	boolean endLeasesOfCurrentThread() {
		boolean held = this.lease.isHeldByCurrentThread();
		if (held) {
			this.lease.reclaim();
		}
		return held;
	}

	/**
	 * Close the connection, after its holder (if any) let go or {@code wait} is over; a
	 * read still running then fails.
	 * @return whether the connection was free when it closed
	 */
	boolean close(Duration wait) throws InterruptedException, SQLException {
		SQLiteConnection current = this.physical;
		if (current == null) {
			return true;
		}
		boolean free = this.lease.tryAcquire(wait);
		try {
			current.close();
		}
		finally {
			if (free) {
				this.lease.release();
			}
		}
		return free;
	}

}
