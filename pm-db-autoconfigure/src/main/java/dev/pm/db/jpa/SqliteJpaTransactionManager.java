package dev.pm.db.jpa;

import java.sql.SQLException;

import dev.pm.db.jdbc.LeaseTimeouts;
import dev.pm.db.jdbc.SqliteDataSource;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.TransactionDefinition;

/**
 * A {@link JpaTransactionManager} for an {@code EntityManagerFactory} on pm-db's one
 * shared SQLite connection, so that the {@code EntityManager} and the JDBC templates work
 * in the same transaction, with the rules of pm-db's JDBC transaction manager.
 * <p>
 * The {@code EntityManager} takes the connection lease when the transaction begins and
 * keeps it until the transaction ends, so two threads never share a transaction.
 * {@code REQUIRES_NEW} and {@code NOT_SUPPORTED} inside a transaction would need a second
 * connection; rather than run silently inside the outer transaction they fail at once
 * with an {@link IllegalTransactionStateException}; {@code NESTED} is refused by Spring
 * because Hibernate offers no savepoints. A thread that waited too long for the
 * connection gets the {@link CannotAcquireLockException} that says so. SQLite errors are
 * translated by the {@link org.springframework.orm.jpa.JpaDialect} of the
 * {@code EntityManagerFactory}, which pm-db's auto-configuration gives its SQLite
 * exception translator.
 * <p>
 * A read-only transaction that begins here runs on one of the data source's read-only
 * connections, when it has them: Hibernate takes its connection as the transaction
 * begins, while the thread is routed to a reader.
 *
 * @author pm-db
 * @since 0.1.0
 */
public class SqliteJpaTransactionManager extends JpaTransactionManager {

	private final SqliteDataSource dataSource;

	/**
	 * Create a transaction manager for the {@code EntityManagerFactory} of the
	 * application context, found when the context sets its bean factory.
	 * @param dataSource pm-db's data source, whose connection the {@code EntityManager}
	 * uses
	 */
	public SqliteJpaTransactionManager(SqliteDataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	protected void doBegin(Object transaction, TransactionDefinition definition) {
		try {
			// A transaction left open on this thread by a connection never closed must
			// not be joined and committed by this one.
			this.dataSource.rollBackAbandonedTransaction();
		}
		catch (SQLException ex) {
			throw new CannotCreateTransactionException(
					"Could not roll back a transaction that a connection" + " never closed left open on this thread",
					ex);
		}
		if (definition.isReadOnly()) {
			this.dataSource.beginOnReader(transaction);
		}
		try {
			super.doBegin(transaction, definition);
		}
		catch (CannotCreateTransactionException ex) {
			this.dataSource.endOnReader(transaction);
			// Hibernate asks for the connection as the transaction begins: a lease
			// timeout is the cause.
			throw LeaseTimeouts.unwrap(ex);
		}
	}

	@Override
	protected void doCleanupAfterCompletion(Object transaction) {
		try {
			super.doCleanupAfterCompletion(transaction);
		}
		finally {
			this.dataSource.endOnReader(transaction);
		}
	}

	@Override
	protected Object doSuspend(Object transaction) {
		throw new IllegalTransactionStateException("pm-db runs every JPA transaction on one SQLite connection, so"
				+ " it cannot suspend the current transaction for REQUIRES_NEW or NOT_SUPPORTED: the inner work"
				+ " would silently become part of the outer transaction. Run the work after the outer transaction"
				+ " ends, or as part of it (Hibernate has no savepoints, so NESTED is refused as well)");
	}

}
