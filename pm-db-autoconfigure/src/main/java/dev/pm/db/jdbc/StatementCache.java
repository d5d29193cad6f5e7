package dev.pm.db.jdbc;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;

/**
 * Prepared statements of one physical connection, kept for reuse. SQLite compiles a
 * statement in about as long as it runs a point query, and sqlite-jdbc compiles anew on
 * every {@code prepareStatement}; a template that prepares the same SQL for every call
 * pays that each time. A statement handed out is in use until its user closes it; closing
 * returns it, its parameters cleared and its result set closed (which ends its read). The
 * least recently used statement is closed when the cache is full.
 *
 * @author pm-db
 */
final class StatementCache {

	// Settings that would carry over to the statement's next user: such a statement is
	// not reused.
	private static final Set<String> SETTINGS = Set.of("setMaxRows", "setLargeMaxRows", "setFetchSize",
			"setFetchDirection", "setQueryTimeout", "setMaxFieldSize", "setEscapeProcessing", "setCursorName",
			"setPoolable", "closeOnCompletion");

	private final int capacity;

	private final Map<String, Entry> entries;

	/**
	 * Create a cache.
	 * @param capacity how many statements to keep; {@code 0} keeps none
	 */
	StatementCache(int capacity) {
		this.capacity = capacity;
		// Access order: the least recently used statement is the eldest.
		this.entries = new LinkedHashMap<>(16, 0.75f, true);
	}

	/**
	 * Prepare a statement, reusing a cached one when it is free.
	 * @param connection the physical connection
	 * @param sql the statement's SQL
	 * @return the statement; closing it returns it to the cache
	 * @throws SQLException if SQLite cannot compile the statement
	 */
	synchronized PreparedStatement prepare(Connection connection, String sql) throws SQLException {
		Entry entry = this.entries.get(sql);
		if (entry == null && this.capacity > 0) {
			entry = new Entry(connection.prepareStatement(sql));
			this.entries.put(sql, entry);
			evictEldestBeyondCapacity();
		}
		else if (entry == null || entry.inUse) {
			// Not cached, or the same SQL open twice at once (a query inside a loop over
			// another).
			return connection.prepareStatement(sql);
		}
		entry.inUse = true;
		return (PreparedStatement) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
				new Class<?>[] { PreparedStatement.class }, new Use(sql, entry));
	}

	// A statement in use is closed when its user is done with it.
	private void evictEldestBeyondCapacity() throws SQLException {
		if (this.entries.size() > this.capacity) {
			Iterator<Entry> eldest = this.entries.values().iterator();
			Entry entry = eldest.next();
			eldest.remove();
			entry.evicted = true;
			if (!entry.inUse) {
				entry.statement.close();
			}
		}
	}

	synchronized int size() {
		return this.entries.size();
	}

	private synchronized void giveBack(String sql, Entry entry, boolean reusable) throws SQLException {
		entry.inUse = false;
		if (!reusable) {
			this.entries.remove(sql, entry);
		}
		if (!reusable || entry.evicted) {
			entry.statement.close();
		}
	}

	private static final class Entry {

		private final PreparedStatement statement;

		private boolean inUse;

		private boolean evicted;

		private Entry(PreparedStatement statement) {
			this.statement = statement;
		}

	}

	/**
	 * One use of a cached statement, from prepare to close.
	 */
	private final class Use extends CloseOnceProxy {

		private final String sql;

		private final Entry entry;

		private @Nullable ResultSet resultSet;

		private boolean reusable = true;

		private Use(String sql, Entry entry) {
			this.sql = sql;
			this.entry = entry;
		}

		@Override
		@Nullable Object invokeOpen(Object proxy, Method method, String name, @Nullable Object[] args) throws Throwable {
			if (SETTINGS.contains(name)) {
				this.reusable = false;
			}
			Object result = AopUtils.invokeJoinpointUsingReflection(this.entry.statement, method, args);
			if (result instanceof ResultSet produced) {
				this.resultSet = produced;
			}
			return result;
		}

		@Override
		void release() throws SQLException {
			try {
				// An open result set keeps SQLite's read transaction; closing it resets
				// the statement.
				if (this.resultSet != null) {
					this.resultSet.close();
				}
				this.entry.statement.clearParameters();
				this.entry.statement.clearBatch();
			}
			catch (SQLException ex) {
				this.reusable = false;
				throw ex;
			}
			finally {
				giveBack(this.sql, this.entry, this.reusable);
			}
		}

		@Override
		String describe() {
			return "Cached " + this.entry.statement;
		}

		@Override
		String closedMessage() {
			return "This statement was closed";
		}

	}

}
