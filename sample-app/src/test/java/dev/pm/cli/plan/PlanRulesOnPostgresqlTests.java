package dev.pm.cli.plan;

import java.nio.file.Path;

import dev.pm.cli.TestDatabase;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The plan's rules on PostgreSQL, where pm-db steps aside for Spring Boot's own JDBC and
 * Flyway.
 */
@SpringBootTest
class PlanRulesOnPostgresqlTests extends PlanRulesTests {

	@TempDir
	static Path directory;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.POSTGRESQL.register(registry, directory);
	}

}
