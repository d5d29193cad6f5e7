package dev.pm.db.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/**
 * What pm-db's JDBC proxies (a leased connection, a use of a cached statement) share:
 * identity of the proxy itself, a {@code close} that takes effect once, and a refusal of
 * every other call after it. A subclass handles the calls it changes and passes the rest
 * to its target.
 *
 * @author pm-db
 */
abstract class CloseOnceProxy implements InvocationHandler {

	private boolean closed;

	@Override
	public final @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
		String name = method.getName();
		switch (name) {
			case "equals":
				return proxy == args[0];
			case "hashCode":
				return System.identityHashCode(proxy);
			case "toString":
				return describe() + (this.closed ? " (closed)" : "");
			case "close":
				if (!this.closed) {
					this.closed = true;
					release();
				}
				return null;
			case "isClosed":
				return this.closed || isEnded();
			default:
				break;
		}
		if (this.closed) {
			throw new SQLException(closedMessage());
		}
		return invokeOpen(proxy, method, name, args);
	}

	/**
	 * Handle a call made before {@code close}.
	 * @param proxy the proxy called
	 * @param method the method called
	 * @param name the method's name
	 * @param args the arguments
	 * @return the result
	 * @throws Throwable what the call threw
	 */
	abstract @Nullable Object invokeOpen(Object proxy, Method method, String name, @Nullable Object[] args)
			throws Throwable;

	/**
	 * Give back what the proxy holds, on its first {@code close}.
	 * @throws SQLException if giving it back fails
	 */
	abstract void release() throws SQLException;

	/**
	 * Return whether the proxy can no longer be used although nobody closed it.
	 * @return {@code true} when ended from elsewhere
	 * @throws SQLException if the target cannot tell
	 */
	boolean isEnded() throws SQLException {
		return false;
	}

	/**
	 * Return what the proxy is, for {@code toString}.
	 * @return a description
	 */
	abstract String describe();

	/**
	 * Return the message of a call after {@code close}.
	 * @return the message
	 */
	abstract String closedMessage();

}
