package dev.pm.cli.plan;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tests on a database file, in WAL mode as users have it, made afresh for each test
 * class.
 */
@SpringBootTest
abstract class FileDatabaseTests {

	@TempDir
	static Path directory;

	@DynamicPropertySource
	static void databaseFile(DynamicPropertyRegistry registry) {
		registry.add("pm.db.path", () -> directory.resolve("pm.db").toString());
	}

}
