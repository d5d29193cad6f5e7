package dev.pm.db.test.autoconfigure;

import java.nio.file.Path;

import javax.sql.DataSource;

import dev.pm.db.jdbc.SqliteDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions about the database a test runs on. */
final class TestDatabases {

	private TestDatabases() {
	}

	/**
	 * Assert that pm-db runs on a fresh temporary file, not the application's database.
	 */
	static Path assertFreshTemporaryFile(DataSource dataSource) throws Exception {
		Path file = dataSource.unwrap(SqliteDataSource.class).getPath().getFile();
		assertThat(file).isNotNull().exists();
		assertThat(file.getFileName()).hasToString("test.db");
		assertThat(file.getParent().getFileName().toString()).startsWith("pm-db-test-");
		assertThat(Path.of("target/the-real-application.db")).doesNotExist();
		return file;
	}

}
