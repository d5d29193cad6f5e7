package dev.pm.db.autoconfigure;

import java.sql.SQLException;

import javax.sql.DataSource;

import dev.pm.db.jdbc.SqliteDataSource;

/**
 * Finds pm-db's {@link SqliteDataSource} behind a {@code DataSource}, which a library may
 * have wrapped in a proxy, or a test replaced altogether. For pm-db's
 * auto-configurations.
 *
 * @author pm-db
 * @since 0.1.0
 */
public final class SqliteDataSourceUnwrapper {

	private SqliteDataSourceUnwrapper() {
	}

	/**
	 * Return pm-db's data source behind the {@code DataSource} bean.
	 * @param dataSource the {@code DataSource} bean
	 * @return pm-db's data source
	 * @throws IllegalStateException if the bean neither is nor wraps pm-db's data source
	 */
	public static SqliteDataSource unwrap(DataSource dataSource) {
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

	/**
	 * Return whether a {@code DataSource} is, or wraps, the given pm-db data source.
	 * @param candidate the data source to look at
	 * @param sqlite pm-db's data source
	 * @return {@code true} if work on {@code candidate} reaches {@code sqlite};
	 * {@code false} also when {@code candidate} cannot tell what it wraps
	 */
	public static boolean wraps(DataSource candidate, SqliteDataSource sqlite) {
		try {
			return candidate.isWrapperFor(SqliteDataSource.class) && candidate.unwrap(SqliteDataSource.class) == sqlite;
		}
		catch (SQLException ex) {
			return false;
		}
	}

}
