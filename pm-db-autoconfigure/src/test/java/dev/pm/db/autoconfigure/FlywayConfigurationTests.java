package dev.pm.db.autoconfigure;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import dev.pm.db.DatabaseInitializer;
import dev.pm.db.test.Runners;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.pm.db.test.Databases.messages;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's Flyway configuration as Spring Boot users write it: Callback,
 * JavaMigration and FlywayConfigurationCustomizer beans apply to pm-db's Flyway;
 * {@code spring.flyway.*} properties, which only Boot's own Flyway reads, fail start-up.
 */
class FlywayConfigurationTests {

	@TempDir
	Path dir;

	private ApplicationContextRunner withFile() {
		return Runners.pmDbOnFile(this.dir);
	}

	@Test
	void callbackBeansSeeEachMigration() {
		withFile().withUserConfiguration(CallbackBean.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(RecordingCallback.class).migrations).containsExactly("create item",
					"create tag");
		});
	}

	@Test
	void javaMigrationBeansAreApplied() {
		withFile().withUserConfiguration(JavaMigrationBean.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(DatabaseInitializer.class).getSchemaVersion()).hasValue("3");
			assertThat(context.getBean(JdbcTemplate.class)
				.queryForObject("SELECT count(*) FROM pragma_table_info('item') WHERE name = 'note'", Integer.class))
				.isOne();
		});
	}

	@Test
	void theFlywayBeanIsMadeWhenFirstUsedNotAtEveryStart() {
		withFile().run((context) -> assertThat(context).hasNotFailed());
		withFile().run((context) -> {
			// An unchanged database: its start needed no Flyway, although the JDBC
			// templates wait for database initialization, which Boot says Flyway does.
			assertThat(context.getBeanFactory().containsSingleton("flyway")).isFalse();
			assertThat(context.getBean(Flyway.class).info().current().getVersion().getVersion()).isEqualTo("2");
			assertThat(context.getBeanFactory().containsSingleton("flyway")).isTrue();
		});
	}

	@Test
	void theUsersOwnFlywayBeanIsTheOneThatMigrates() {
		withFile().withUserConfiguration(UserFlyway.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(Flyway.class)).isSameAs(context.getBean(UserFlyway.class).flyway);
			assertThat(context.getBean(JdbcTemplate.class)
				.queryForObject("SELECT count(*) FROM users_history WHERE success = 1", Integer.class)).isEqualTo(2);
		});
	}

	@Test
	void flywayConfigurationCustomizerBeansAreApplied() {
		withFile().withPropertyValues("pm.db.migration.locations=classpath:db/placeholder")
			.withUserConfiguration(PlaceholderCustomizer.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(JdbcTemplate.class)
					.queryForObject("SELECT count(*) FROM customized", Integer.class)).isZero();
			});
	}

	@Test
	void migratesWithoutSpringBootFlyway() {
		withFile().withClassLoader(new FilteredClassLoader(FlywayConfigurationCustomizer.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(DatabaseInitializer.class).getSchemaVersion()).hasValue("2");
		});
	}

	@Test
	void springFlywayPropertiesFailStartupNamingEachOne() {
		withFile().withPropertyValues("spring.flyway.placeholders.owner=me", "spring.flyway.table=history")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(messages(context.getStartupFailure()))
					.contains("spring.flyway.placeholders.owner, spring.flyway.table configure Spring Boot's Flyway")
					.contains("pm.db.migration.*")
					.contains("FlywayConfigurationCustomizer");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserFlyway {

		Flyway flyway;

		@Bean
		Flyway flyway(DataSource dataSource) {
			this.flyway = Flyway.configure().dataSource(dataSource).table("users_history").load();
			return this.flyway;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CallbackBean {

		@Bean
		RecordingCallback recordingCallback() {
			return new RecordingCallback();
		}

	}

	static class RecordingCallback implements Callback {

		final List<String> migrations = new CopyOnWriteArrayList<>();

		@Override
		public boolean supports(Event event, Context context) {
			return event == Event.AFTER_EACH_MIGRATE;
		}

		@Override
		public boolean canHandleInTransaction(Event event, Context context) {
			return true;
		}

		@Override
		public void handle(Event event, Context context) {
			this.migrations.add(context.getMigrationInfo().getDescription());
		}

		@Override
		public String getCallbackName() {
			return "recording";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class JavaMigrationBean {

		@Bean
		V3__add_item_note addItemNote() {
			return new V3__add_item_note();
		}

	}

	static class V3__add_item_note extends BaseJavaMigration {

		@Override
		// fully-qualified: the callback Context is imported
		public void migrate(org.flywaydb.core.api.migration.Context context) throws Exception {
			try (var statement = context.getConnection().createStatement()) {
				statement.execute("ALTER TABLE item ADD COLUMN note TEXT");
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlaceholderCustomizer {

		@Bean
		FlywayConfigurationCustomizer placeholders() {
			return (configuration) -> configuration.placeholders(Map.of("table_name", "customized"));
		}

	}

}
