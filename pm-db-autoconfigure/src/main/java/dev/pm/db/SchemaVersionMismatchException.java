package dev.pm.db;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The schema version of the database is not one this application can use: newer than it
 * expects, one it does not know, or older while migration is disabled. Nothing was
 * changed.
 *
 * @author pm-db
 * @since 0.1.0
 */
public class SchemaVersionMismatchException extends DatabaseException {

	private final @Nullable String found;

	private final @Nullable String expected;

	/**
	 * Create a new exception.
	 * @param path the database file, or {@code null} for an in-memory database
	 * @param found the schema version found, or {@code null} if the database has no
	 * schema history
	 * @param expected the schema version the application requires, or {@code null} if it
	 * has no migrations
	 * @param reason why the found version is refused
	 */
	public SchemaVersionMismatchException(@Nullable Path path, @Nullable String found, @Nullable String expected,
			String reason) {
		super(path, "Database " + DatabasePath.ofFile(path) + " has schema version " + describe(found)
				+ " but the application expects " + describe(expected) + ": " + reason);
		this.found = found;
		this.expected = expected;
	}

	private static String describe(@Nullable String version) {
		return (version != null) ? version : "none";
	}

	/**
	 * Return the schema version found in the database.
	 * @return the version, or {@code null} when the database has no schema history
	 */
	public @Nullable String getFound() {
		return this.found;
	}

	/**
	 * Return the schema version the application requires.
	 * @return the version, or {@code null} when the application has no migrations
	 */
	public @Nullable String getExpected() {
		return this.expected;
	}

}
