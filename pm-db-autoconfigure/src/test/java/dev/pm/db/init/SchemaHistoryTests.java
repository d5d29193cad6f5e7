package dev.pm.db.init;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flyway's history table as pm-db reads it without Flyway.
 */
class SchemaHistoryTests {

	private Connection connection;

	@BeforeEach
	void open() throws SQLException {
		this.connection = DriverManager.getConnection("jdbc:sqlite::memory:");
	}

	@AfterEach
	void close() throws SQLException {
		this.connection.close();
	}

	@Test
	void noHistoryTableIsNoVersion() throws SQLException {
		assertThat(SchemaHistory.latestApplied(this.connection, "flyway_schema_history")).isNull();
	}

	@Test
	void latestIsTheHighestVersionAppliedSuccessfullyWhateverTheOrderOfTheRows() throws SQLException {
		execute("CREATE TABLE \"odd\"\"history\" (version TEXT, success INTEGER)",
				"INSERT INTO \"odd\"\"history\" VALUES ('2', 1), ('10', 1), ('3', 1), ('11', 0), (NULL, 1)");

		assertThat(SchemaHistory.latestApplied(this.connection, "odd\"history")).hasToString("10");
	}

	@Test
	void anEmptyHistoryIsNoVersion() throws SQLException {
		execute("CREATE TABLE flyway_schema_history (version TEXT, success INTEGER)");

		assertThat(SchemaHistory.latestApplied(this.connection, "flyway_schema_history")).isNull();
	}

	@Test
	void tablesAreThoseBesidesTheHistoryAndSqlitesOwn() throws SQLException {
		execute("CREATE TABLE flyway_schema_history (version TEXT, success INTEGER)",
				"CREATE TABLE counter (id INTEGER PRIMARY KEY AUTOINCREMENT)", "INSERT INTO counter DEFAULT VALUES",
				"DROP TABLE counter");
		assertThat(SchemaHistory.hasTables(this.connection, "flyway_schema_history")).as("sqlite_sequence is left")
			.isFalse();

		execute("CREATE VIEW answer AS SELECT 42");
		assertThat(SchemaHistory.hasTables(this.connection, "flyway_schema_history")).isTrue();
	}

	private void execute(String... statements) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

}
