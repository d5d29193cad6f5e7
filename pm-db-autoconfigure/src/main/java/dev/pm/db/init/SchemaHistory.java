package dev.pm.db.init;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;

import org.flywaydb.core.api.MigrationVersion;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Flyway's schema history table read with one query, where asking Flyway would scan every
 * migration again.
 *
 * @author pm-db
 */
public final class SchemaHistory {

	private SchemaHistory() {
	}

	/**
	 * Return the latest version successfully applied to the database.
	 * @param connection a connection to the database
	 * @param table the name of Flyway's history table
	 * @return the version, or {@code null} when nothing was applied
	 * @throws SQLException if the history cannot be read
	 */
	public static @Nullable MigrationVersion latestApplied(Connection connection, String table) throws SQLException {
		JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
		Integer tables = jdbc.queryForObject("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
				Integer.class, table);
		List<String> versions = (tables == 0) ? List.of() : jdbc.queryForList(
				"SELECT version FROM \"" + table.replace("\"", "\"\"") + "\" WHERE success = 1 AND version IS NOT NULL",
				String.class);
		return versions.stream().map(MigrationVersion::fromVersion).max(Comparator.naturalOrder()).orElse(null);
	}

	/**
	 * Return whether the database has any table or view besides Flyway's history table
	 * (which another process may have created a moment ago, as it starts migrating a
	 * fresh file).
	 * @param connection a connection to the database
	 * @param historyTable the name of Flyway's history table
	 * @return {@code true} unless the database is empty of other tables and views
	 * @throws SQLException if the schema cannot be read
	 */
	public static boolean hasTables(Connection connection, String historyTable) throws SQLException {
		Integer tables = new JdbcTemplate(new SingleConnectionDataSource(connection, true))
			.queryForObject("SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view') AND name <> ?"
					+ " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'", Integer.class, historyTable);
		return tables > 0;
	}

}
