package dev.pm.db.test.autoconfigure;

import javax.sql.DataSource;

import dev.pm.db.DatabaseInitializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's own {@code @JdbcTest}, with nothing added, runs on a fresh pm-db database
 * (no embedded database is on the class path to replace it with).
 */
@JdbcTest
class JdbcTestTests {

	@Test
	void runsOnAFreshPmDbDatabaseWithTheMigrationsApplied(@Autowired DataSource dataSource,
			@Autowired DatabaseInitializer initializer, @Autowired JdbcClient jdbc) throws Exception {
		TestDatabases.assertFreshTemporaryFile(dataSource);
		assertThat(initializer.getSchemaVersion()).hasValue("1");
		assertThat(jdbc.sql("INSERT INTO item (name) VALUES ('x')").update()).isOne();
	}

}
