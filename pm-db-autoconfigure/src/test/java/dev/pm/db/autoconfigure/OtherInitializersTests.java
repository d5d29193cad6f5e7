package dev.pm.db.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import dev.pm.testing.output.ExpectedOutputExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Other database initializers (Spring Boot's {@code spring.sql.init} scripts here; Spring
 * Batch, Spring Session JDBC and Liquibase in pm-db-initializers-tests, whose class path
 * they would otherwise share with every test here) run after pm-db has created the file
 * private, checked it and migrated it, on a fresh file and on a restart.
 */
@ExtendWith(ExpectedOutputExtension.class)
class OtherInitializersTests {

	@TempDir
	Path dir;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PmDbAutoConfiguration.class, DataSourceAutoConfiguration.class,
				FlywayAutoConfiguration.class, DataSourceInitializationAutoConfiguration.class))
		.withPropertyValues("spring.sql.init.mode=always",
				"spring.sql.init.schema-locations=classpath:sql-init/schema.sql",
				"spring.sql.init.data-locations=classpath:sql-init/data.sql");

	@Test
	void scriptsRunAfterPmDbCreatedTheFilePrivateAndMigratedItOnAFreshFileAndOnARestart(CapturedOutput output)
			throws Exception {
		Path file = this.dir.resolve("pm.db");
		for (int start = 0; start < 2; start++) {
			this.contextRunner.withPropertyValues("pm.db.path=" + file).run((context) -> {
				assertThat(context).hasNotFailed();
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForList("SELECT name FROM item", String.class)).containsExactly("from data.sql");
				assertThat(jdbc.queryForObject("SELECT count(*) FROM script_note", Integer.class)).isZero();
			});
		}
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(output).doesNotContain("tighten").doesNotContain("looser");
	}

}
