package dev.pm.db.jdbc;

import javax.sql.DataSource;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.TransactionDefinition;

/**
 * A {@link JdbcTransactionManager} for one shared SQLite connection.
 * <p>
 * {@code REQUIRES_NEW} and {@code NOT_SUPPORTED} inside a transaction would need a second
 * connection; rather than run silently inside the outer transaction they fail at once with
 * an {@link IllegalTransactionStateException}. {@code NESTED} uses savepoints. A thread that
 * waited too long for the connection gets the {@link CannotAcquireLockException} that says
 * so, not a generic "could not open connection".
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
			if (ex.getCause() instanceof CannotAcquireLockException lockFailure) {
				throw lockFailure;
			}
			throw ex;
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
