package dev.pm.db.autoconfigure;

import java.nio.file.Path;

import dev.pm.db.DatabaseInitializer;
import dev.pm.db.jdbc.SqliteDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class PmDbAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PmDbAutoConfiguration.class));

	@TempDir
	Path dir;

	@Test
	void createsMigratesAndVerifiesPragmas() {
		this.contextRunner.withPropertyValues("pm.db.path=" + this.dir.resolve("a/b/test.db")).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(SqliteDataSource.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("PRAGMA journal_mode", String.class)).isEqualTo("wal");
			assertThat(jdbc.queryForObject("PRAGMA foreign_keys", Integer.class)).isEqualTo(1);
			assertThat(jdbc.queryForObject("PRAGMA busy_timeout", Integer.class)).isEqualTo(5000);
			assertThat(context.getBean(DatabaseInitializer.class).getSchemaVersion()).hasValue("2");
		});
	}

}
