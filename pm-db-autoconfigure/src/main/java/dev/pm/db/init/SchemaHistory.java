package dev.pm.db.init;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.MigrationVersion;
import org.jspecify.annotations.Nullable;

/**
 * Flyway's schema history table read with one query, where asking Flyway would scan every
 * migration again.
 *
 * @author pm-db
 * @since 0.1.0
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
		if (count(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", table) == 0) {
			return null;
		}
		MigrationVersion latest = null;
		try (Statement statement = connection.createStatement();
				ResultSet versions = statement.executeQuery("SELECT version FROM \"" + table.replace("\"", "\"\"")
						+ "\" WHERE success = 1 AND version IS NOT NULL")) {
			while (versions.next()) {
				MigrationVersion version = MigrationVersion.fromVersion(versions.getString(1));
				latest = (latest == null || version.compareTo(latest) > 0) ? version : latest;
			}
		}
		return latest;
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
		return count(connection, "SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view') AND name <> ?"
				+ " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'", historyTable) > 0;
	}

	// Plain JDBC: a JdbcTemplate on the connection would need a close-suppressing proxy
	// of it, a class generated at run time (a hundredth of a command-line start).
	private static int count(Connection connection, String sql, String parameter) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, parameter);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getInt(1);
			}
		}
	}

}
