package dev.pm.db.jdbc;

import org.sqlite.SQLiteConfig;

/**
 * How read-write transactions begin.
 *
 * @author pm-db
 * @since 0.1.0
 */
public enum TransactionMode {

	/**
	 * {@code BEGIN DEFERRED}: the write lock is taken by the first write, which can then
	 * fail busy.
	 */
	DEFERRED(SQLiteConfig.TransactionMode.DEFERRED),

	/**
	 * {@code BEGIN IMMEDIATE}: the write lock is taken at once, so writers queue instead
	 * of failing.
	 */
	IMMEDIATE(SQLiteConfig.TransactionMode.IMMEDIATE),

	/**
	 * {@code BEGIN EXCLUSIVE}: like {@link #IMMEDIATE}; outside WAL mode also locks out
	 * readers.
	 */
	EXCLUSIVE(SQLiteConfig.TransactionMode.EXCLUSIVE);

	private final SQLiteConfig.TransactionMode driverMode;

	TransactionMode(SQLiteConfig.TransactionMode driverMode) {
		this.driverMode = driverMode;
	}

	SQLiteConfig.TransactionMode driverMode() {
		return this.driverMode;
	}

}
