package dev.pm.db.jdbc;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConnection;

import org.springframework.aop.support.AopUtils;
import org.springframework.jdbc.datasource.ConnectionProxy;
import org.springframework.transaction.IllegalTransactionStateException;

/**
 * The shared connection as one thread sees it for one lease. Closing it returns the
 * lease. Plain {@code prepareStatement(sql)} calls reuse the connection's cached
 * statements. It also makes read-only transactions work on sqlite-jdbc, which refuses
 * {@code setReadOnly} on an open connection: the flag is kept here, and a transaction
 * begun while it is set begins {@code DEFERRED}, so it takes no write lock.
 *
 * @author pm-db
 */
final class LeasedConnection extends CloseOnceProxy {

	private final SQLiteConnection target;

	private final ConnectionLease lease;

	private final TransactionMode writeMode;

	private final StatementCache statements;

	private final int generation;

	private final WalLimit walLimit;

	private boolean readOnly;

	// Savepoints made through this lease: the only ones it may release or roll back to.
	private final Set<Savepoint> savepoints = Collections.newSetFromMap(new IdentityHashMap<>());

	private LeasedConnection(SQLiteConnection target, ConnectionLease lease, int generation, TransactionMode writeMode,
			StatementCache statements, WalLimit walLimit) {
		this.target = target;
		this.walLimit = walLimit;
		this.lease = lease;
		this.generation = generation;
		this.writeMode = writeMode;
		this.statements = statements;
	}

	/**
	 * Hand out a lease of {@code generation}, taken from {@code lease} by the caller.
	 */
	static Connection create(SQLiteConnection target, ConnectionLease lease, int generation, TransactionMode writeMode,
			StatementCache statements, WalLimit walLimit) {
		return (Connection) Proxy.newProxyInstance(ConnectionProxy.class.getClassLoader(),
				new Class<?>[] { ConnectionProxy.class },
				new LeasedConnection(target, lease, generation, writeMode, statements, walLimit));
	}

	@Override
	@Nullable Object invokeOpen(Object proxy, Method method, String name, @Nullable Object[] args) throws Throwable {
		if (!this.lease.isCurrent(this.generation)) {
			throw new SQLException("This connection lease was ended, its transaction with it, because it was left"
					+ " open: a new transaction began on its thread, the transaction it was taken in ended, or"
					+ " its thread died holding it; get a new connection from the DataSource and close it when done");
		}
		switch (name) {
			case "getTargetConnection":
				return this.target;
			case "unwrap":
				return ((Class<?>) args[0]).isInstance(proxy) ? proxy : this.target.unwrap((Class<?>) args[0]);
			case "isWrapperFor":
				return ((Class<?>) args[0]).isInstance(proxy) || this.target.isWrapperFor((Class<?>) args[0]);
			case "prepareStatement":
				if (args.length == 1) {
					return this.statements.prepare(this.target, (String) args[0]);
				}
				break;
			case "setReadOnly":
				this.readOnly = (Boolean) args[0];
				return null;
			case "isReadOnly":
				return this.readOnly;
			case "setAutoCommit":
				if (!((Boolean) args[0])) {
					begin();
					return null;
				}
				if (joined()) {
					// Its statements go on joining the open transaction, as they did
					// with auto-commit off (Flyway switches it on and back for info()):
					// switching it on for real would commit the outer work.
					return null;
				}
				this.lease.setTransactionOwner(null);
				break;
			case "commit":
				refuseIfJoined("cannot commit, which would commit");
				break;
			case "rollback":
				if (args == null) {
					refuseIfJoined("cannot roll back, which would undo");
				}
				else {
					refuseUnlessOwn((Savepoint) args[0]);
				}
				break;
			case "releaseSavepoint":
				refuseUnlessOwn((Savepoint) args[0]);
				break;
			case "setSavepoint":
				Savepoint savepoint = (Savepoint) AopUtils.invokeJoinpointUsingReflection(this.target, method, args);
				this.savepoints.add(savepoint);
				return savepoint;
			default:
				break;
		}
		return AopUtils.invokeJoinpointUsingReflection(this.target, method, args);
	}

	// A connection taken while another lease's transaction is open shares that
	// transaction: ending it from here would end the outer work with it.
	private void refuseIfJoined(String what) throws SQLException {
		if (joined()) {
			throw new IllegalTransactionStateException("This connection was taken from pm-db's DataSource while a"
					+ " transaction was open on the same thread, and pm-db serves both from one SQLite connection:"
					+ " it joined that transaction and " + what + " the outer transaction's work as well. Let the"
					+ " transaction that is open end it, or do this work after it ends. With Hibernate, an id"
					+ " generator that keeps its values in a table (GenerationType.AUTO, TABLE or SEQUENCE on"
					+ " SQLite) commits them on a connection of its own: use GenerationType.IDENTITY");
		}
	}

	private boolean joined() throws SQLException {
		return !this.target.getAutoCommit() && this.lease.transactionBegunByAnotherThan(this);
	}

	private void refuseUnlessOwn(Savepoint savepoint) {
		if (!this.savepoints.contains(savepoint)) {
			throw new IllegalTransactionStateException("This connection did not make savepoint " + savepoint
					+ ", so it cannot release it or roll back to it: the connection that made the savepoint ends it."
					+ " pm-db serves every connection of a thread from one SQLite connection");
		}
	}

	@Override
	boolean isEnded() throws SQLException {
		return !this.lease.isCurrent(this.generation) || this.target.isClosed();
	}

	@Override
	String describe() {
		return "Lease of " + this.target;
	}

	@Override
	String closedMessage() {
		return "This connection lease was closed; get a new connection from the DataSource";
	}

	private void begin() throws SQLException {
		if (!this.target.getAutoCommit()) {
			// A transaction is open already (this lease's, or one it joins).
			return;
		}
		// sqlite-jdbc issues BEGIN as auto-commit is switched off, in the mode its config
		// holds.
		this.target.getConnectionConfig()
			.setTransactionMode((this.readOnly ? TransactionMode.DEFERRED : this.writeMode).driverMode());
		try {
			this.target.setAutoCommit(false);
			this.lease.setTransactionOwner(this);
		}
		catch (SQLException ex) {
			// sqlite-jdbc flagged the transaction before its BEGIN failed (timed out
			// behind another process, say): unflagged, the next transaction begins for
			// real instead of running its statements in auto-commit.
			TransactionState.resynchronize(this.target);
			throw ex;
		}
	}

	@Override
	void release() throws SQLException {
		if (!this.lease.isCurrent(this.generation)) {
			return;
		}
		try {
			// A transaction left open must not pass to the next thread with the
			// connection, nor outlive the lease that began it.
			boolean ends = this.lease.isLast() || this.lease.isTransactionOwner(this);
			if (ends && !this.target.isClosed() && !this.target.getAutoCommit()) {
				TransactionState.rollBack(this.target);
				this.lease.setTransactionOwner(null);
			}
			if (this.lease.isLast() && !this.target.isClosed()) {
				this.walLimit.handingBack(this.target);
			}
		}
		finally {
			this.lease.release();
		}
	}

}
