package dev.pm.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.pm.testing.postgres.PostgresDatabase;
import dev.pm.testing.postgres.PostgresServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The databases {@code pm} runs on, for tests that run on both: a fresh database each
 * time, an SQLite file in a test's directory or a new database on the PostgreSQL server
 * that the tests of this JVM share.
 */
public enum TestDatabase {

	/** pm-db's SQLite file, as {@code --db} or {@code PM_DB_PATH} names it. */
	SQLITE {
		@Override
		public Map<String, String> environment(Path directory) {
			return Map.of();
		}

		@Override
		public Map<String, String> properties(Path directory) {
			return Map.of("pm.db.path", directory.resolve("pm.db").toString());
		}
	},

	/**
	 * A PostgreSQL database, as {@code PM_DB_URL}, {@code PM_DB_USER} and
	 * {@code PM_DB_PASSWORD} name it.
	 */
	POSTGRESQL {
		@Override
		public Map<String, String> environment(Path directory) {
			PostgresDatabase database = PostgresServer.shared().createDatabase();
			return Map.of("PM_DB_URL", database.url(), "PM_DB_USER", database.username(), "PM_DB_PASSWORD",
					database.password());
		}

		@Override
		public Map<String, String> properties(Path directory) {
			Map<String, String> properties = new LinkedHashMap<>(
					PostgresServer.shared().createDatabase().springProperties());
			properties.put("spring.flyway.locations", "${pm.db.migration.locations}");
			return properties;
		}
	};

	/**
	 * Returns the environment variables through which {@code pm} reaches a fresh
	 * database; for SQLite, none (the test sets {@code pm.db.path}).
	 * @param directory the test's own directory
	 * @return the variables
	 */
	public abstract Map<String, String> environment(Path directory);

	/**
	 * Returns the Spring properties of a fresh database, as {@code pm} sets them.
	 * @param directory the test's own directory
	 * @return the properties
	 */
	public abstract Map<String, String> properties(Path directory);

	/**
	 * Registers the properties of a fresh database for a Spring test class.
	 * @param registry the test's registry
	 * @param directory the test class's own directory
	 */
	public void register(DynamicPropertyRegistry registry, Path directory) {
		properties(directory).forEach((name, value) -> registry.add(name, () -> value));
	}

	/**
	 * Starts {@code pm}'s application on a fresh database.
	 * @param directory the test's own directory
	 * @param more further properties
	 * @return the running application
	 */
	public ConfigurableApplicationContext start(Path directory, Map<String, String> more) {
		Map<String, String> properties = new LinkedHashMap<>(properties(directory));
		properties.putAll(more);
		// As arguments: they outrank application.properties, as pm's own settings do.
		return new SpringApplicationBuilder(PmApplication.class).run(properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new));
	}

}
