package dev.pm.db.autoconfigure;

import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.pm.db.DatabaseBackup;
import dev.pm.db.DatabaseInitializer;
import dev.pm.db.DatabasePath;
import dev.pm.db.autoconfigure.health.PmDbHealthContributorAutoConfiguration;
import dev.pm.db.autoconfigure.metrics.PmDbMetricsAutoConfiguration;
import dev.pm.db.health.PmDbHealthIndicator;
import dev.pm.db.jdbc.SqliteDataSource;
import dev.pm.db.jdbc.SqliteExceptionTranslator;
import dev.pm.db.metrics.PmDbMetrics;
import dev.pm.testing.output.ExpectedOutputExtension;
import dev.pm.testing.postgres.PostgresServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@code spring.datasource.url}: absent or SQLite, pm-db serves the database; another
 * database, pm-db steps aside and Spring Boot's own JDBC, Flyway and transaction
 * auto-configurations serve the same application code, here on a real PostgreSQL server.
 */
@ExtendWith(ExpectedOutputExtension.class)
class ServerDatabaseTests {

	@TempDir
	Path dir;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PmDbAutoConfiguration.class,
				PmDbHealthContributorAutoConfiguration.class, PmDbMetricsAutoConfiguration.class,
				DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
				JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class, FlywayAutoConfiguration.class,
				TransactionAutoConfiguration.class))
		.withBean(NoteService.class);

	@Test
	void servesTheDatabaseOfPmDbPathWithoutADataSourceUrl() {
		this.runner.withPropertyValues("pm.db.path=" + this.dir.resolve("pm.db")).run((context) -> {
			assertThat(context).hasSingleBean(SqliteDataSource.class)
				.hasSingleBean(DatabaseInitializer.class)
				.hasSingleBean(SqliteExceptionTranslator.class)
				.hasSingleBean(DatabaseBackup.class)
				.hasSingleBean(PmDbHealthIndicator.class)
				.hasSingleBean(PmDbMetrics.class)
				.doesNotHaveBean(HikariDataSource.class);
			assertThat(this.dir.resolve("pm.db")).isRegularFile();
		});
	}

	@Test
	void takesAnEmptyDataSourceUrlForNone() {
		this.runner.withPropertyValues("spring.datasource.url=", "pm.db.path=" + this.dir.resolve("pm.db"))
			.run((context) -> assertThat(context.getBean(SqliteDataSource.class).getPath().getFile())
				.isEqualTo(this.dir.resolve("pm.db")));
	}

	@Test
	void servesTheFileThatAnSqliteDataSourceUrlNames() {
		Path file = this.dir.resolve("from-url.db");
		this.runner.withPropertyValues("spring.datasource.url=jdbc:sqlite:" + file).run((context) -> {
			assertThat(context).hasSingleBean(SqliteDataSource.class).doesNotHaveBean(HikariDataSource.class);
			assertThat(context.getBean(SqliteDataSource.class).getPath().getFile()).isEqualTo(file);
			assertThat(context.getBean(SqliteExceptionTranslator.class)).isNotNull();
			assertThat(file).isRegularFile();
		});
	}

	@Test
	void resolvesTheDataSourceUrlOnceIntoConnectionDetailsAndLeavesThePropertiesAsConfigured() {
		Path file = this.dir.resolve("from-url.db");
		this.runner.withPropertyValues("spring.datasource.url=jdbc:sqlite:" + file).run((context) -> {
			assertThat(context.getBean(PmDbConnectionDetails.class).getPath().getFile()).isEqualTo(file);
			assertThat(context.getBean(DatabaseInitializer.class).getPath()).isEqualTo(file);
			assertThat(context.getBean(PmDbProperties.class).getPath()).isEqualTo("pm.db");
		});
	}

	@Test
	void servesTheDatabaseThatAConnectionDetailsBeanOfTheApplicationNames() {
		Path file = this.dir.resolve("chosen-in-code.db");
		this.runner.withPropertyValues("pm.db.path=" + this.dir.resolve("ignored.db"))
			.withBean(PmDbConnectionDetails.class, () -> new PmDbConnectionDetails(DatabasePath.of(file.toString())))
			.run((context) -> {
				assertThat(context.getBean(SqliteDataSource.class).getPath().getFile()).isEqualTo(file);
				assertThat(context.getBean(PmDbConnectionDetails.class))
					.hasToString("PmDbConnectionDetails[" + DatabasePath.of(file.toString()) + "]");
				assertThat(file).isRegularFile();
				assertThat(this.dir.resolve("ignored.db")).doesNotExist();
			});
	}

	@Test
	void servesAnInMemoryDatabaseThatAnSqliteDataSourceUrlNames() {
		this.runner.withPropertyValues("spring.datasource.url=jdbc:sqlite::memory:", "pm.db.path=:memory:")
			.run((context) -> assertThat(context.getBean(SqliteDataSource.class).getPath().isInMemory()).isTrue());
	}

	@Test
	void acceptsPmDbPathNamingTheSameFileAsTheDataSourceUrl() {
		Path file = this.dir.resolve("same.db");
		this.runner
			.withPropertyValues("spring.datasource.url=jdbc:sqlite:" + file,
					"pm.db.path=" + this.dir.resolve("sub/../same.db"))
			.run((context) -> assertThat(context.getBean(SqliteDataSource.class).getPath().getFile()).isEqualTo(file));
	}

	@Test
	void refusesPmDbPathNamingAnotherDatabaseThanTheDataSourceUrl() {
		this.runner
			.withPropertyValues("spring.datasource.url=jdbc:sqlite:" + this.dir.resolve("one.db"),
					"pm.db.path=" + this.dir.resolve("other.db"))
			.run((context) -> {
				assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("spring.datasource.url")
					.hasMessageContaining("pm.db.path names " + this.dir.resolve("other.db"))
					.hasMessageContaining("Set only one of them");
				assertThat(this.dir).isEmptyDirectory();
			});
	}

	@Test
	void refusesAnSqliteDataSourceUrlWithConnectionOptions() {
		this.runner
			.withPropertyValues("spring.datasource.url=jdbc:sqlite:" + this.dir.resolve("x.db") + "?journal_mode=WAL")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("pm-db takes a plain path from it")
				.hasMessageContaining("pm.db.* properties"));
	}

	@Test
	void refusesAnEmptyOrUriSqliteDataSourceUrl() {
		for (String url : new String[] { "jdbc:sqlite:", "jdbc:sqlite:file:x.db" }) {
			this.runner.withPropertyValues("spring.datasource.url=" + url)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("pm-db takes a plain path from it"));
		}
	}

	@Test
	void stepsAsideForAPostgresqlDataSourceUrlAndSaysSoOnce(CapturedOutput output) {
		this.runner.withPropertyValues(Database.POSTGRESQL.properties(this.dir)).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(HikariDataSource.class)
				.hasSingleBean(DataSource.class)
				.hasSingleBean(Flyway.class)
				.doesNotHaveBean(SqliteDataSource.class)
				.doesNotHaveBean(DatabaseInitializer.class)
				.doesNotHaveBean(SqliteExceptionTranslator.class)
				.doesNotHaveBean(DatabaseBackup.class)
				.doesNotHaveBean(PmDbHealthIndicator.class)
				.doesNotHaveBean(PmDbMetrics.class);
			assertThat(JdbcClient.create(context.getBean(DataSource.class))
				.sql("SELECT max(version) FROM flyway_schema_history")
				.query(String.class)
				.single()).isEqualTo("3");
		});
		assertThat(output).containsOnlyOnce("pm-db stepped aside: spring.datasource.url is jdbc:postgresql://")
			.contains("not SQLite, so Spring Boot's own DataSource, Flyway");
	}

	@Test
	void neverLogsTheParametersOfADataSourceUrlItStepsAsideFor(CapturedOutput output) {
		this.runner
			.withPropertyValues("spring.datasource.url=jdbc:postgresql://localhost:1/none?password=secret",
					"spring.flyway.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SqliteDataSource.class));
		assertThat(output).contains("spring.datasource.url is jdbc:postgresql://localhost:1/none?…")
			.doesNotContain("secret");
	}

	@ParameterizedTest
	@EnumSource(Database.class)
	void runsTheSameTransactionalCodeAndVendorMigrationsOnEitherDatabase(Database database) {
		this.runner.withPropertyValues(database.properties(this.dir)).run((context) -> {
			assertThat(context).hasNotFailed();
			NoteService notes = context.getBean(NoteService.class);
			assertThat(notes.add("first")).isEqualTo(1);
			assertThatIllegalStateException().isThrownBy(() -> notes.addThenFail("undone"));
			notes.add("second");
			assertThat(notes.bodies()).containsExactly("first", "second");
		});
	}

	/**
	 * The databases the same application runs on, with the migration locations of the
	 * documented pattern: portable migrations in one location, the ones whose SQL must
	 * differ in {@code {vendor}}.
	 */
	enum Database {

		SQLITE {
			@Override
			String[] properties(Path dir) {
				return new String[] { "pm.db.path=" + dir.resolve("app.db"), "pm.db.migration.locations=" + LOCATIONS };
			}
		},

		POSTGRESQL {
			@Override
			String[] properties(Path dir) {
				String[] connection = PostgresServer.shared().createDatabase().springPropertyPairs();
				String[] properties = new String[connection.length + 1];
				System.arraycopy(connection, 0, properties, 0, connection.length);
				properties[connection.length] = "spring.flyway.locations=" + LOCATIONS;
				return properties;
			}
		};

		private static final String LOCATIONS = "classpath:db/migration,classpath:db/vendor/{vendor}";

		abstract String[] properties(Path dir);

	}

	/**
	 * Application code that knows nothing of the database it runs on.
	 */
	public static class NoteService {

		private final JdbcClient jdbc;

		public NoteService(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@Transactional
		public long add(String body) {
			this.jdbc.sql("INSERT INTO note (body) VALUES (?)").param(body).update();
			return this.jdbc.sql("SELECT max(id) FROM note").query(Long.class).single();
		}

		@Transactional
		public void addThenFail(String body) {
			add(body);
			throw new IllegalStateException("rolled back");
		}

		@Transactional(readOnly = true)
		public List<String> bodies() {
			return this.jdbc.sql("SELECT body FROM note ORDER BY id").query(String.class).list();
		}

	}

}
