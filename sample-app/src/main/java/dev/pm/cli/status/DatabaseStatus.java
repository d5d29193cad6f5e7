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
 * @param chosenBy why the command uses this file ({@code --db}, {@code PM_DB_PATH},
 * {@code found above the working directory}, ...), or {@code null} if not told
 */
public record DatabaseStatus(String path, String schemaVersion, String journalMode, boolean integrityOk,
		String permissions, long sizeBytes, long walSizeBytes, String chosenBy) {

	/**
	 * Returns this status with why the command uses this database.
	 * @param reason {@code --db}, {@code PM_DB_PATH}, {@code found above the working
	 * directory}, ...
	 * @return the status
	 */
	public DatabaseStatus chosenBy(String reason) {
		return new DatabaseStatus(this.path, this.schemaVersion, this.journalMode, this.integrityOk, this.permissions,
				this.sizeBytes, this.walSizeBytes, reason);
	}

}
