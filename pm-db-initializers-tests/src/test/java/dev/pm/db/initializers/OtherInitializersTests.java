package dev.pm.db.initializers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import dev.pm.db.autoconfigure.PmDbAutoConfiguration;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.session.autoconfigure.SessionAutoConfiguration;
import org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Batch, Spring Session JDBC and Liquibase initialize their schemas after pm-db
 * has created the file private, checked it and migrated it, on a fresh file and on a
 * restart. Had one run first, pm-db would find a database it did not create (Flyway
 * refuses a non-empty schema without its history) and files it has to tighten. (Spring
 * Boot's {@code spring.sql.init} is tested in pm-db-autoconfigure.)
 */
@ExtendWith(OutputCaptureExtension.class)
class OtherInitializersTests {

	@TempDir
	Path dir;

	static Stream<OtherInitializer> initializers() {
		return Stream.of(
				new OtherInitializer("Spring Batch",
						List.of(BatchAutoConfiguration.class, BatchJdbcAutoConfiguration.class),
						List.of("spring.batch.jdbc.initialize-schema=always"),
						List.of("BATCH_JOB_INSTANCE", "BATCH_STEP_EXECUTION")),
				new OtherInitializer("Spring Session JDBC",
						List.of(SessionAutoConfiguration.class, JdbcSessionAutoConfiguration.class),
						List.of("spring.session.jdbc.initialize-schema=always"),
						List.of("SPRING_SESSION", "SPRING_SESSION_ATTRIBUTES")),
				// Its table refers to the migrated one: Liquibase needs pm-db's
				// migrations applied.
				new OtherInitializer("Liquibase", List.of(LiquibaseAutoConfiguration.class),
						List.of("spring.liquibase.change-log=classpath:liquibase/changelog.yaml"),
						List.of("DATABASECHANGELOG", "liquibase_note")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("initializers")
	void initializerRunsAfterPmDbCreatedTheFilePrivateAndMigratedItOnAFreshFileAndOnARestart(
			OtherInitializer initializer, CapturedOutput output) throws Exception {
		Path file = this.dir.resolve("pm.db");
		WebApplicationContextRunner contextRunner = initializer.contextRunner()
			.withPropertyValues("pm.db.path=" + file);
		for (int start = 0; start < 2; start++) {
			contextRunner.run((context) -> {
				assertThat(context).hasNotFailed();
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForList("SELECT version FROM flyway_schema_history", String.class))
					.containsExactly("1");
				assertThat(jdbc.queryForList("SELECT name FROM sqlite_master WHERE type = 'table'", String.class))
					.containsAll(initializer.tables());
			});
		}
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(output).doesNotContain("tighten").doesNotContain("looser");
	}

	/**
	 * A database initializer of Spring Boot's and the tables it leaves in the database.
	 */
	record OtherInitializer(String name, List<Class<?>> autoConfigurations, List<String> properties,
			List<String> tables) {

		WebApplicationContextRunner contextRunner() {
			return new WebApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(PmDbAutoConfiguration.class))
				.withConfiguration(AutoConfigurations.of(this.autoConfigurations.toArray(Class<?>[]::new)))
				.withPropertyValues(this.properties.toArray(String[]::new));
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

}
