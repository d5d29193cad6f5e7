package dev.pm.db;

import java.util.Optional;

/**
 * The application's SQLite database, for questions at run time: where it is, which schema
 * version it has, whether it is sound. The auto-configuration registers one as a bean
 * once the {@link DatabaseInitializer} made the database ready.
 *
 * @author pm-db
 * @since 0.1.0
 */
public interface SqliteDatabase {

	/**
	 * Return the database: its absolute file, or {@code :memory:}.
	 * @return the database path
	 */
	DatabasePath getPath();

	/**
	 * Return the schema version of the database: the latest migration applied.
	 * @return the version, or empty when the database has no schema history
	 */
	Optional<String> getSchemaVersion();

	/**
	 * Run the configured integrity check ({@code integrity_check}, or {@code quick_check}
	 * when {@code quick} is configured) on the database as it is now.
	 * @return {@code true} if SQLite found no problem
	 * @throws org.springframework.dao.DataAccessException if the check could not run (a
	 * lock held too long elsewhere): that is no verdict on the database
	 */
	boolean checkIntegrity();

}
