package dev.pm.db;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The database has tables but no schema history of this application: it belongs to
 * another application, or was made by hand. Nothing was changed, not even its mode or
 * journal.
 *
 * @author pm-db
 * @since 0.1.0
 */
public class ForeignDatabaseException extends SchemaVersionMismatchException {

	/**
	 * Create a new exception.
	 * @param path the database file
	 * @param expected the schema version the application requires
	 * @param historyTable the name of the schema history table that is missing
	 */
	public ForeignDatabaseException(@Nullable Path path, @Nullable String expected, String historyTable) {
		super(path, null, expected, "it has tables but no schema history (no table " + historyTable
				+ "), so it was not made by this application's migrations; it was left unchanged");
	}

}
