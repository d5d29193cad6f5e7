package dev.pm.db;

import java.nio.file.Path;

/**
 * The database file does not exist and {@code pm.db.create-if-missing} is {@code false}.
 *
 * @author pm-db
 * @since 0.1.0
 */
public class DatabaseNotFoundException extends DatabaseException {

	/**
	 * Create a new exception.
	 * @param path the missing database file
	 */
	public DatabaseNotFoundException(Path path) {
		super(path, "Database file " + path + " does not exist");
	}

}
