package dev.pm.cli.plan;

import java.nio.file.Path;

import dev.pm.cli.TestDatabase;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The plan's rules on a database file, in WAL mode as users have it.
 */
@SpringBootTest
class PlanRulesOnFileTests extends PlanRulesTests {

	@TempDir
	static Path directory;

	@DynamicPropertySource
	static void databaseFile(DynamicPropertyRegistry registry) {
		TestDatabase.SQLITE.register(registry, directory);
	}

}
