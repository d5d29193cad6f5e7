package dev.pm.db.jdbc;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Reports a transaction that could not begin because its thread waited too long for the
 * connection lease as what it is: the {@link CannotAcquireLockException} that names the
 * holder and {@code pm.db.busy-timeout}, not a generic "could not open connection".
 * Shared by pm-db's JDBC and JPA transaction managers.
 *
 * @author pm-db
 * @since 0.1.0
 */
public final class LeaseTimeouts {

	private LeaseTimeouts() {
	}

	/**
	 * Return the exception to throw for a transaction that could not begin.
	 * @param failure the transaction manager's exception
	 * @return the lease timeout that caused it, or {@code failure} itself
	 */
	public static RuntimeException unwrap(CannotCreateTransactionException failure) {
		return (failure.getCause() instanceof CannotAcquireLockException lockFailure) ? lockFailure : failure;
	}

}
