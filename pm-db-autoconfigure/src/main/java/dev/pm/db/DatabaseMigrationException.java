package dev.pm.db;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * A migration failed. SQLite runs each migration in its own transaction, so the database
 * stays at the last version that migrated successfully.
 *
 * @author pm-db
 * @since 0.1.0
 */
public class DatabaseMigrationException extends DatabaseException {

	private final @Nullable String migration;

	private final @Nullable String version;

	/**
	 * Create a new exception.
	 * @param path the database file, or {@code null} for an in-memory database
	 * @param migration the script of the migration that failed, or {@code null} if it is
	 * not known (for example when Flyway refused to start)
	 * @param version the schema version the database stays at, or {@code null} for none
	 * @param cause Flyway's exception
	 */
	public DatabaseMigrationException(@Nullable Path path, @Nullable String migration, @Nullable String version,
			Throwable cause) {
		super(path,
				"Migration " + ((migration != null) ? migration + " " : "") + "of database " + DatabasePath.ofFile(path)
						+ " failed; the database stays at schema version " + ((version != null) ? version : "none")
						+ ": " + firstLine(cause.getMessage()),
				cause);
		this.migration = migration;
		this.version = version;
	}

	private static String firstLine(@Nullable String message) {
		if (message == null) {
			return "no detail";
		}
		String trimmed = message.strip();
		int newline = trimmed.indexOf('\n');
		return (newline < 0) ? trimmed : trimmed.substring(0, newline).strip();
	}

	/**
	 * Return the script of the migration that failed.
	 * @return the migration, or {@code null} if not known
	 */
	public @Nullable String getMigration() {
		return this.migration;
	}

	/**
	 * Return the schema version the database stays at.
	 * @return the version, or {@code null} if no migration was ever applied
	 */
	public @Nullable String getVersion() {
		return this.version;
	}

}
