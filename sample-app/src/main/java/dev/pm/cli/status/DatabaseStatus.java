package dev.pm.cli.status;

/**
 * The state of the database file, as {@code pm db status} shows it.
 *
 * @param path the absolute path, or {@code :memory:}
 * @param schemaVersion the schema version, or {@code null} without schema history
 * @param journalMode the journal mode SQLite reports, such as {@code wal}
 * @param integrityOk whether SQLite's integrity check passed
 * @param permissions POSIX permissions of the file, such as {@code rw-------}, or
 * {@code null} where there are none
 * @param sizeBytes size of the database file in bytes
 * @param walSizeBytes size of its write-ahead log in bytes, 0 when there is none
 */
public record DatabaseStatus(String path, String schemaVersion, String journalMode, boolean integrityOk,
		String permissions, long sizeBytes, long walSizeBytes) {
}
