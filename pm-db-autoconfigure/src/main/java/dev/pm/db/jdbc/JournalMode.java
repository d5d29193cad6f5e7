package dev.pm.db.jdbc;

/**
 * Values of SQLite's {@code journal_mode} PRAGMA.
 *
 * @author pm-db
 * @since 0.1.0
 */
public enum JournalMode {

	/** Rollback journal, deleted at the end of each transaction. */
	DELETE,

	/** Rollback journal, truncated at the end of each transaction. */
	TRUNCATE,

	/** Rollback journal, its header zeroed at the end of each transaction. */
	PERSIST,

	/** Rollback journal in memory. */
	MEMORY,

	/** Write-ahead log: readers do not block the writer. */
	WAL,

	/** No journal: a crash can corrupt the database. */
	OFF

}
