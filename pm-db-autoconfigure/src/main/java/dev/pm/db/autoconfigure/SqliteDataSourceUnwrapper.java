package dev.pm.db.autoconfigure;

import java.sql.SQLException;

import javax.sql.DataSource;

import dev.pm.db.jdbc.SqliteDataSource;

/**
 * Finds pm-db's {@link SqliteDataSource} behind the {@code DataSource} bean, which a
 * library may have wrapped in a proxy, or a test replaced altogether.
 *
 * @author pm-db
 */
final class SqliteDataSourceUnwrapper {

	private SqliteDataSourceUnwrapper() {
	}

	static SqliteDataSource unwrap(DataSource dataSource) {
		try {
			return dataSource.unwrap(SqliteDataSource.class);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("pm-db's DataSource bean was replaced by " + dataSource
					+ ", which is not pm-db's SQLite database and does not wrap it, so pm-db cannot check and"
					+ " migrate it. If a test replaced it, annotate the test with"
					+ " @AutoConfigureTestDatabase(replace = Replace.NONE); if a library wraps it, make the"
					+ " wrapper's DataSource.unwrap reach pm-db's", ex);
		}
	}

}
