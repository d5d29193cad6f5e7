package dev.pm.db;

import java.nio.file.Path;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;

/**
 * Makes the database safe to use before any other bean touches it: refuses a path that is
 * not a database, a corrupted database or one from a newer application, leaving the file
 * untouched; creates a missing one with tight permissions; migrates an older one; and
 * checks that every PRAGMA took. The auto-configuration registers one as the bean
 * {@code databaseInitializer}; Spring Boot's database initialization ordering makes every
 * bean that uses the database wait for it.
 * <p>
 * Once it ran, {@link #getDatabase()} answers questions about the database at run time.
 *
 * @author pm-db
 * @since 0.1.0
 * @see dev.pm.db.init.SqliteDatabaseInitializer
 */
public abstract class DatabaseInitializer implements InitializingBean {

	private final SqliteDatabase database;

	/**
	 * Create an initializer of a database.
	 * @param database the database it makes ready
	 */
	protected DatabaseInitializer(SqliteDatabase database) {
		this.database = database;
	}

	/**
	 * Return the database this initializer makes ready, for questions at run time.
	 * @return the database
	 */
	public SqliteDatabase getDatabase() {
		return this.database;
	}

	/**
	 * Run the configured integrity check on the database as it is now (part of the
	 * contract in DESIGN.md; the same as {@link SqliteDatabase#checkIntegrity()}).
	 * @return {@code true} if SQLite found no problem
	 */
	public boolean checkIntegrity() {
		return this.database.checkIntegrity();
	}

	/**
	 * Return the schema version of the database: the latest migration applied.
	 * @return the version, or empty when the database has no schema history
	 * @see SqliteDatabase#getSchemaVersion()
	 */
	public Optional<String> getSchemaVersion() {
		return this.database.getSchemaVersion();
	}

	/**
	 * Return the absolute path of the database file.
	 * @return the path, or {@code null} for an in-memory database
	 * @see SqliteDatabase#getPath()
	 */
	public @Nullable Path getPath() {
		return this.database.getPath().getFile();
	}

	/**
	 * Return whether the database lives in memory only.
	 * @return {@code true} for {@code :memory:}
	 * @see SqliteDatabase#getPath()
	 */
	public boolean isInMemory() {
		return this.database.getPath().isInMemory();
	}

}
