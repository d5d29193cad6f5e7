package dev.pm.db.autoconfigure;

import java.util.Objects;

import dev.pm.db.DatabasePath;

/**
 * The database that the auto-configuration opens, resolved once from {@code pm.db.path}
 * or an SQLite {@code spring.datasource.url} (as Spring Boot resolves its
 * {@code JdbcConnectionDetails} from {@code spring.datasource.*}): the data source, the
 * exception translator and, through the data source, the initializer all receive this one
 * path instead of each reading the properties. Define a bean of this type to choose the
 * database in code.
 *
 * @author pm-db
 * @since 0.1.0
 */
public final class PmDbConnectionDetails {

	private final DatabasePath path;

	/**
	 * Create the details of a database.
	 * @param path the database, a file or {@code :memory:}
	 */
	public PmDbConnectionDetails(DatabasePath path) {
		this.path = Objects.requireNonNull(path, "path");
	}

	/**
	 * Return the database.
	 * @return the resolved path
	 */
	public DatabasePath getPath() {
		return this.path;
	}

	@Override
	public String toString() {
		return "PmDbConnectionDetails[" + this.path + "]";
	}

}
