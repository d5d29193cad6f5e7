package dev.pm.db.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.sqlite.SQLiteConnection;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * A {@link JdbcTransactionManager} for one shared SQLite connection.
 * <p>
 * {@code REQUIRES_NEW} and {@code NOT_SUPPORTED} inside a transaction would need a second
 * connection; rather than run silently inside the outer transaction they fail at once
 * with an {@link IllegalTransactionStateException}. {@code NESTED} uses savepoints. A
 * thread that waited too long for the connection gets the
 * {@link CannotAcquireLockException} that says so, not a generic "could not open
 * connection".
 * <p>
 * A transaction commits by switching the connection back to auto-commit: sqlite-jdbc's
 * {@code commit()} runs {@code COMMIT} and at once {@code BEGIN} again, which the
 * clean-up after completion then commits empty, so ending it that way costs one statement
 * instead of three (and, for a read-write transaction, an {@code IMMEDIATE} lock taken
 * and dropped for nothing).
 * <p>
 * A read-only transaction that begins here (outside any other transaction) runs on one of
 * the data source's read-only connections, when it has them; read-only transactions that
 * join a read-write one stay on the writer with it.
 *
 * @author pm-db
 * @since 0.1.0
 */
public class SqliteTransactionManager extends JdbcTransactionManager {

	private final SqliteDataSource sqliteDataSource;

	// Whether the thread held the writer connection as its transaction began: one
	// transaction per thread at a time, as REQUIRES_NEW and NOT_SUPPORTED are refused
	// inside one.
	private final ThreadLocal<Boolean> writerHeldAtBegin = new ThreadLocal<>();

	/**
	 * Create a transaction manager.
	 * @param dataSource the data source of the shared connection
	 * @param exceptionTranslator the translator of SQLite errors
	 */
	public SqliteTransactionManager(DataSource dataSource, SqliteExceptionTranslator exceptionTranslator) {
		super(dataSource);
		setExceptionTranslator(exceptionTranslator);
		this.sqliteDataSource = unwrap(dataSource);
	}

	private static SqliteDataSource unwrap(DataSource dataSource) {
		try {
			return dataSource.unwrap(SqliteDataSource.class);
		}
		catch (SQLException ex) {
			throw new IllegalArgumentException("SqliteTransactionManager needs a SqliteDataSource (or a wrapper"
					+ " that unwraps to one), not " + dataSource, ex);
		}
	}

	@Override
	protected void doBegin(Object transaction, TransactionDefinition definition) {
		try {
			this.sqliteDataSource.rollBackAbandonedTransaction();
			this.writerHeldAtBegin.set(this.sqliteDataSource.isHeldByCurrentThread());
			if (definition.isReadOnly()) {
				this.sqliteDataSource.beginOnReader(transaction);
			}
			super.doBegin(transaction, definition);
		}
		catch (SQLException ex) {
			this.sqliteDataSource.endOnReader(transaction);
			throw translateException("JDBC begin", ex);
		}
		catch (CannotCreateTransactionException ex) {
			this.sqliteDataSource.endOnReader(transaction);
			throw lockFailureOr(ex);
		}
	}

	@Override
	protected void doCleanupAfterCompletion(Object transaction) {
		try {
			super.doCleanupAfterCompletion(transaction);
		}
		finally {
			this.sqliteDataSource.endOnReader(transaction);
			endLeasesLeftOpen();
		}
	}

	private void endLeasesLeftOpen() {
		boolean writerHeldBefore = Boolean.TRUE.equals(this.writerHeldAtBegin.get());
		this.writerHeldAtBegin.remove();
		this.sqliteDataSource.endLeasesLeftOpen(writerHeldBefore);
	}

	// A BEGIN that waited too long behind another process is a lock failure, as a
	// statement's is.
	private RuntimeException lockFailureOr(CannotCreateTransactionException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof SQLException sqlException) {
			cause = translateException("JDBC begin", sqlException);
		}
		return (cause instanceof PessimisticLockingFailureException lockFailure) ? lockFailure : ex;
	}

	@Override
	protected void doCommit(DefaultTransactionStatus status) {
		Connection connection = connectionOf(status);
		try {
			SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
			try {
				connection.setAutoCommit(true);
			}
			catch (SQLException ex) {
				// sqlite-jdbc flags auto-commit before COMMIT runs; a failed COMMIT may
				// leave the transaction open (busy) or SQLite may have rolled it back
				// (disk full): flag what is true, so the rollback that follows reaches
				// SQLite, or is not needed.
				TransactionState.resynchronize(sqlite);
				throw ex;
			}
		}
		catch (SQLException ex) {
			throw translateException("JDBC commit", ex);
		}
	}

	@Override
	protected void doRollback(DefaultTransactionStatus status) {
		try {
			// One ROLLBACK, where sqlite-jdbc's rollback() also begins the next
			// transaction; and no error when SQLite already rolled back by itself, which
			// would hide the real failure.
			TransactionState.rollBack(connectionOf(status).unwrap(SQLiteConnection.class));
		}
		catch (SQLException ex) {
			throw translateException("JDBC rollback", ex);
		}
	}

	private static Connection connectionOf(DefaultTransactionStatus status) {
		return ((JdbcTransactionObjectSupport) status.getTransaction()).getConnectionHolder().getConnection();
	}

	@Override
	protected Object doSuspend(Object transaction) {
		throw new IllegalTransactionStateException("pm-db runs every transaction on one SQLite connection, so it"
				+ " cannot suspend the current transaction for REQUIRES_NEW or NOT_SUPPORTED: the inner work"
				+ " would silently become part of the outer transaction. Use Propagation.NESTED (a savepoint"
				+ " whose rollback keeps the outer work) or run the work after the outer transaction ends");
	}

}
