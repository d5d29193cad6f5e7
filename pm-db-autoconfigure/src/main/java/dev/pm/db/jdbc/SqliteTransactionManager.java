package dev.pm.db.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.sqlite.SQLiteConnection;

import org.springframework.dao.CannotAcquireLockException;
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
 * connection; rather than run silently inside the outer transaction they fail at once with
 * an {@link IllegalTransactionStateException}. {@code NESTED} uses savepoints. A thread that
 * waited too long for the connection gets the {@link CannotAcquireLockException} that says
 * so, not a generic "could not open connection".
 * <p>
 * A transaction commits by switching the connection back to auto-commit: sqlite-jdbc's
 * {@code commit()} runs {@code COMMIT} and at once {@code BEGIN} again, which the clean-up
 * after completion then commits empty, so ending it that way costs one statement instead of
 * three (and, for a read-write transaction, an {@code IMMEDIATE} lock taken and dropped for
 * nothing).
 *
 * @author pm-db
 */
public class SqliteTransactionManager extends JdbcTransactionManager {

	/**
	 * Create a transaction manager.
	 * @param dataSource the data source of the shared connection
	 * @param exceptionTranslator the translator of SQLite errors
	 */
	public SqliteTransactionManager(DataSource dataSource, SqliteExceptionTranslator exceptionTranslator) {
		super(dataSource);
		setExceptionTranslator(exceptionTranslator);
	}

	@Override
	protected void doBegin(Object transaction, TransactionDefinition definition) {
		try {
			super.doBegin(transaction, definition);
		}
		catch (CannotCreateTransactionException ex) {
			throw LeaseTimeouts.unwrap(ex);
		}
	}

	@Override
	protected void doCommit(DefaultTransactionStatus status) {
		Connection connection = ((JdbcTransactionObjectSupport) status.getTransaction()).getConnectionHolder()
			.getConnection();
		try {
			SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
			try {
				connection.setAutoCommit(true);
			}
			catch (SQLException ex) {
				// sqlite-jdbc flags auto-commit before COMMIT runs, and a failed COMMIT leaves the
				// transaction open: flag it open again, so the rollback that follows reaches SQLite.
				sqlite.getConnectionConfig().setAutoCommit(false);
				throw ex;
			}
		}
		catch (SQLException ex) {
			throw translateException("JDBC commit", ex);
		}
	}

	@Override
	protected Object doSuspend(Object transaction) {
		throw new IllegalTransactionStateException("pm-db runs every transaction on one SQLite connection, so it"
				+ " cannot suspend the current transaction for REQUIRES_NEW or NOT_SUPPORTED: the inner work"
				+ " would silently become part of the outer transaction. Use Propagation.NESTED (a savepoint"
				+ " whose rollback keeps the outer work) or run the work after the outer transaction ends");
	}

}
