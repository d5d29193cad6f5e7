package dev.pm.db.jdbc;

/**
 * Values of SQLite's {@code synchronous} PRAGMA, in the order SQLite numbers them.
 *
 * @author pm-db
 * @since 0.1.0
 */
public enum Synchronous {

	/** No fsync: fastest, a power loss can corrupt the database. */
	OFF,

	/** With WAL, fsync at checkpoints only: a power loss may lose the last commits. */
	NORMAL,

	/** fsync at every commit: no committed transaction is lost. */
	FULL,

	/**
	 * Like {@link #FULL}, and also syncs the directory after a rollback journal is
	 * deleted.
	 */
	EXTRA

}
