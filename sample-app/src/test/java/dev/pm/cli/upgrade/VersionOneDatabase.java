package dev.pm.cli.upgrade;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.flywaydb.core.Flyway;

/**
 * A database as the previous {@code pm} made it: schema 1 by the real
 * {@code V1__plan.sql}, with a task in each status it knew (todo, in_progress, blocked,
 * completed) and three dependencies; private, as the starter made every pm database.
 */
public final class VersionOneDatabase {

	private VersionOneDatabase() {
	}

	/**
	 * Creates the database.
	 * @param database where
	 * @return the database
	 * @throws Exception if it cannot be created
	 */
	public static Path create(Path database) throws Exception {
		String url = "jdbc:sqlite:" + database;
		Flyway.configure()
			.dataSource(url, null, null)
			.locations("classpath:db/migration/common")
			.target("1")
			.load()
			.migrate();
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement()) {
			statement.executeUpdate("INSERT INTO epic VALUES ('E01', 'Offline mode', '2025-01-01')");
			statement.executeUpdate("INSERT INTO feature VALUES ('E01-F01', 'Storage', 'E01', '2025-01-02')");
			statement.executeUpdate(
					"""
							INSERT INTO task (key, title, feature_key, status, assigned_agent, estimated_time, created, file_path)
							VALUES ('T-E01-F01-001', 'Choose a format', 'E01-F01', 'completed', 'ann', '2 hours', '2025-01-10', NULL),
							       ('T-E01-F01-002', 'Write it', 'E01-F01', 'in_progress', 'bob', NULL, '2025-01-11', 'a.md'),
							       ('T-E01-F01-003', 'Test it', 'E01-F01', 'blocked', NULL, NULL, '2025-01-12', NULL),
							       ('T-E01-F01-004', 'Ship it', 'E01-F01', 'todo', NULL, NULL, '2025-01-13', NULL)""");
			statement.executeUpdate("""
					INSERT INTO task_dependency VALUES ('T-E01-F01-002', 'T-E01-F01-001'),
					    ('T-E01-F01-004', 'T-E01-F01-002'), ('T-E01-F01-004', 'T-E01-F01-003')""");
		}
		Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-------"));
		return database;
	}

}
