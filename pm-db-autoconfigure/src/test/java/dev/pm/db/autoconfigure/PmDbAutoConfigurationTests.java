package dev.pm.db.autoconfigure;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import dev.pm.db.DatabaseBackup;
import dev.pm.db.DatabaseException;
import dev.pm.db.DatabaseInitializer;
import dev.pm.db.SqliteDatabase;
import dev.pm.db.jdbc.SqliteDataSource;
import dev.pm.db.jdbc.SqliteExceptionTranslator;
import dev.pm.db.jdbc.SqliteTransactionManager;
import dev.pm.db.test.Databases;
import dev.pm.testing.output.ExpectedOutputExtension;
import jakarta.annotation.PostConstruct;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.SQLiteConnection;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.pm.db.test.Databases.cause;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ExpectedOutputExtension.class)
class PmDbAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PmDbAutoConfiguration.class));

	@TempDir
	Path dir;

	private ApplicationContextRunner withFile() {
		return this.contextRunner.withPropertyValues("pm.db.path=" + this.dir.resolve("pm.db"));
	}

	@Test
	void registersEveryBeanAUserNeeds() {
		withFile().run((context) -> {
			assertThat(context).hasSingleBean(SingleConnectionDataSource.class);
			assertThat(context.getBean("dataSource")).isInstanceOf(SqliteDataSource.class);
			assertThat(context.getBean("transactionManager")).isInstanceOf(SqliteTransactionManager.class);
			assertThat(context).hasSingleBean(DatabaseInitializer.class);
			assertThat(context).hasSingleBean(DatabaseBackup.class);
			assertThat(context).hasSingleBean(SqliteDatabase.class);
			assertThat(context).hasBean("databaseInitializer");
			assertThat(context).hasSingleBean(JdbcTemplate.class);
			assertThat(context).hasSingleBean(NamedParameterJdbcTemplate.class);
			assertThat(context).hasSingleBean(JdbcClient.class);
			assertThat(context).hasSingleBean(TransactionTemplate.class);
			assertThat(context).hasSingleBean(Flyway.class);
			assertThat(context.getBean(JdbcTemplate.class).getExceptionTranslator())
				.isSameAs(context.getBean(SqliteExceptionTranslator.class));
			assertThat(context.getBean(SqliteTransactionManager.class).getExceptionTranslator())
				.isSameAs(context.getBean(SqliteExceptionTranslator.class));
		});
	}

	@Test
	void defaultPathIsPmDbInTheWorkingDirectory() {
		this.contextRunner.withUserConfiguration(NoInitializer.class).run((context) -> {
			assertThat(context.getBean(SqliteDataSource.class).getPath().getFile())
				.isEqualTo(Path.of("pm.db").toAbsolutePath());
			assertThat(Path.of("pm.db")).doesNotExist();
		});
	}

	@Test
	void transactionManagerTakesSpringTransactionPropertiesAsBootsOwnDoes() {
		withFile().withConfiguration(AutoConfigurations.of(TransactionManagerCustomizationAutoConfiguration.class))
			.withPropertyValues("spring.transaction.default-timeout=7s",
					"spring.transaction.rollback-on-commit-failure=true")
			.run((context) -> {
				SqliteTransactionManager transactionManager = context.getBean(SqliteTransactionManager.class);
				assertThat(transactionManager.getDefaultTimeout()).isEqualTo(7);
				assertThat(transactionManager.isRollbackOnCommitFailure()).isTrue();
			});
	}

	@Test
	void backsOffEntirelyWhenTheUserDefinesADataSource() {
		this.contextRunner.withUserConfiguration(UserDataSource.class).run((context) -> {
			assertThat(context).hasSingleBean(DataSource.class);
			assertThat(context).doesNotHaveBean(SqliteDataSource.class);
			assertThat(context).doesNotHaveBean(DatabaseInitializer.class);
			assertThat(context).doesNotHaveBean(JdbcTemplate.class);
		});
	}

	@Test
	void backsOffWithoutSqliteJdbc() {
		withFile().withClassLoader(new FilteredClassLoader(SQLiteConnection.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DatabaseInitializer.class));
	}

	@Test
	void backsOffWithoutFlyway() {
		withFile().withClassLoader(new FilteredClassLoader(Flyway.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DataSource.class));
	}

	@Test
	void usesTheUsersTransactionManagerAndTemplates() {
		withFile().withUserConfiguration(UserJdbcBeans.class).run((context) -> {
			assertThat(context).hasSingleBean(PlatformTransactionManager.class);
			assertThat(context).doesNotHaveBean(SqliteTransactionManager.class);
			assertThat(context.getBean(JdbcTemplate.class)).isSameAs(context.getBean("userJdbcTemplate"));
			assertThat(context).hasSingleBean(NamedParameterJdbcTemplate.class);
		});
	}

	@Test
	void winsOverBootsOwnJdbcFlywayAndTransactionAutoConfigurations() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
					JdbcClientAutoConfiguration.class, FlywayAutoConfiguration.class,
					TransactionAutoConfiguration.class, PmDbAutoConfiguration.class))
			.withPropertyValues("pm.db.path=" + this.dir.resolve("pm.db"))
			.run((context) -> {
				assertThat(context).hasSingleBean(DataSource.class);
				assertThat(context).getBean(DataSource.class).isInstanceOf(SqliteDataSource.class);
				assertThat(context).hasSingleBean(PlatformTransactionManager.class);
				assertThat(context).hasSingleBean(JdbcTemplate.class);
				assertThat(context).hasSingleBean(JdbcClient.class);
				assertThat(context).hasSingleBean(Flyway.class);
				assertThat(context).doesNotHaveBean(FlywayMigrationInitializer.class);
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history", Integer.class))
					.isEqualTo(2);
			});
	}

	@Test
	void beansUsingTheTemplatesWaitForTheDatabaseInitializer() {
		withFile().withUserConfiguration(EagerUser.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(EagerUser.class).tables).isEqualTo(2);
		});
	}

	@Test
	void beansMarkedAsDependingOnDatabaseInitializationWaitToo() {
		withFile().withUserConfiguration(AnnotatedDataSourceUser.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(AnnotatedDataSourceUser.class).historyRows).isEqualTo(2);
		});
	}

	@Test
	void pragmasAreReadBackAfterMigrationsAndAfterAConnectionReset(CapturedOutput output) {
		withFile().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertDefaultPragmas(jdbc);
			jdbc.execute("PRAGMA foreign_keys = off");
			context.getBean(SqliteDataSource.class).resetConnection();
			assertDefaultPragmas(jdbc);
		});
		assertThat(output).contains("was closed by application code");
	}

	private void assertDefaultPragmas(JdbcTemplate jdbc) {
		assertThat(jdbc.queryForObject("PRAGMA foreign_keys", Integer.class)).isEqualTo(1);
		assertThat(jdbc.queryForObject("PRAGMA journal_mode", String.class)).isEqualTo("wal");
		assertThat(jdbc.queryForObject("PRAGMA busy_timeout", Integer.class)).isEqualTo(5000);
		assertThat(jdbc.queryForObject("PRAGMA synchronous", Integer.class)).isEqualTo(2);
	}

	@Test
	void appliesConfiguredAndExtraPragmas() {
		withFile()
			.withPropertyValues("pm.db.journal-mode=delete", "pm.db.synchronous=normal", "pm.db.foreign-keys=false",
					"pm.db.busy-timeout=2s", "pm.db.pragmas.cache_size=-20000", "pm.db.pragmas.temp_store=memory")
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForObject("PRAGMA journal_mode", String.class)).isEqualTo("delete");
				assertThat(jdbc.queryForObject("PRAGMA synchronous", Integer.class)).isEqualTo(1);
				assertThat(jdbc.queryForObject("PRAGMA foreign_keys", Integer.class)).isZero();
				assertThat(jdbc.queryForObject("PRAGMA busy_timeout", Integer.class)).isEqualTo(2000);
				assertThat(jdbc.queryForObject("PRAGMA cache_size", Integer.class)).isEqualTo(-20000);
				assertThat(jdbc.queryForObject("PRAGMA temp_store", Integer.class)).isEqualTo(2);
			});
	}

	@Test
	void statementCacheSizeZeroTurnsTheCacheOff() {
		withFile().withPropertyValues("pm.db.statement-cache-size=0").run((context) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection();
					PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
				assertThat(Proxy.isProxyClass(statement.getClass())).isFalse();
			}
		});
	}

	@Test
	void misspeltPragmaFailsStartUp() {
		withFile().withPropertyValues("pm.db.pragmas.cache_sise=100").run((context) -> {
			DatabaseException failure = cause(context.getStartupFailure(), DatabaseException.class);
			assertThat(failure).hasMessageContaining("PRAGMA cache_sise (set on database " + this.dir.resolve("pm.db")
					+ ") is not a PRAGMA this SQLite knows");
		});
	}

	@Test
	void journalSizeLimitIs64MegabytesUnlessAPragmaSetsIt() {
		withFile().run((context) -> assertThat(
				context.getBean(JdbcTemplate.class).queryForObject("PRAGMA journal_size_limit", Long.class))
			.isEqualTo(64L * 1024 * 1024));
		withFile().withPropertyValues("pm.db.pragmas.journal_size_limit=-1")
			.run((context) -> assertThat(
					context.getBean(JdbcTemplate.class).queryForObject("PRAGMA journal_size_limit", Long.class))
				.isEqualTo(-1));
	}

	@Test
	void actionPragmasThatReportNothingAreAccepted() {
		withFile().withPropertyValues("pm.db.pragmas.optimize=65538", "pm.db.pragmas.shrink_memory=0")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void inMemoryDatabaseExpectsMemoryJournalUnlessJournalIsOff() {
		this.contextRunner
			.withPropertyValues("pm.db.path=:memory:", "pm.db.journal-mode=off", "pm.db.allow-unsafe-journal-mode=true")
			.run((context) -> assertThat(
					context.getBean(JdbcTemplate.class).queryForObject("PRAGMA journal_mode", String.class))
				.isEqualTo("off"));
	}

	@Test
	void leakWarningIsBound() {
		// Longer than any start-up, however loaded the machine: a start-up's migration
		// that
		// held the lease longer would be reported.
		withFile().withPropertyValues("pm.db.lease.leak-warning=90s")
			.run((context) -> assertThat(context.getBean(PmDbProperties.class).getLease().getLeakWarning())
				.isEqualTo(Duration.ofSeconds(90)));
	}

	@Test
	void memoryJournalIsTheSafeDefaultOfAnInMemoryDatabase() {
		this.contextRunner.withPropertyValues("pm.db.path=:memory:", "pm.db.journal-mode=memory")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "off", "memory" })
	void journalModesThatCanCorruptAFileAreRefusedWithoutTheOptIn(String mode) {
		withFile().withPropertyValues("pm.db.journal-mode=" + mode).run((context) -> {
			InvalidConfigurationPropertyValueException failure = cause(context.getStartupFailure(),
					InvalidConfigurationPropertyValueException.class);
			assertThat(failure.getName()).isEqualTo("pm.db.journal-mode");
			assertThat(failure).hasMessageContaining("pm.db.allow-unsafe-journal-mode");
			assertThat(this.dir.resolve("pm.db")).doesNotExist();
		});
	}

	@Test
	void unsafeJournalModeIsAppliedWhenTheUserOptsIn() {
		withFile().withPropertyValues("pm.db.journal-mode=memory", "pm.db.allow-unsafe-journal-mode=true")
			.run((context) -> assertThat(
					context.getBean(JdbcTemplate.class).queryForObject("PRAGMA journal_mode", String.class))
				.isEqualTo("memory"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "x.db?journal_mode=delete", "file:x.db", "jdbc:sqlite:x.db" })
	void pathsThatSqliteWouldReadAsAUriAreRefused(String path) {
		assertBindFailure("pm.db.path=" + path, "pm.db.path");
		assertThat(this.dir).isEmptyDirectory();
	}

	@Test
	void permissionsBeyondTheOwnerAreRefusedWithoutTheOptIn() {
		withFile().withPropertyValues("pm.db.file-permissions=rw-rw----").run((context) -> {
			InvalidConfigurationPropertyValueException failure = cause(context.getStartupFailure(),
					InvalidConfigurationPropertyValueException.class);
			assertThat(failure.getName()).isEqualTo("pm.db.file-permissions");
			assertThat(failure).hasMessageContaining("pm.db.allow-shared-file-permissions");
		});
	}

	@Test
	void sharedPermissionsAreAppliedExactlyWhatEverTheUmask() {
		// The test JVM's umask (022 or stricter) would take the group's write bit away.
		withFile().withPropertyValues("pm.db.file-permissions=rw-rw----", "pm.db.allow-shared-file-permissions=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(Databases.permissions(this.dir.resolve("pm.db"))).isEqualTo("rw-rw----");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "rwxrwxrwx", "rwx------", "r--------" })
	void permissionsThatExecuteOrDenyTheOwnerWritingAreRefused(String permissions) {
		assertBindFailure("pm.db.file-permissions=" + permissions, "pm.db.file-permissions");
	}

	@Test
	void unknownJournalModeFailsNamingTheProperty() {
		assertBindFailure("pm.db.journal-mode=fast", "pm.db.journal-mode");
	}

	@Test
	void negativeBusyTimeoutFailsNamingTheProperty() {
		assertBindFailure("pm.db.busy-timeout=-1s", "pm.db.busy-timeout");
	}

	@Test
	void busyTimeoutBeyondSqlitesRangeFailsNamingTheProperty() {
		assertBindFailure("pm.db.busy-timeout=30d", "pm.db.busy-timeout");
	}

	@Test
	void pragmaValueThatSqliteIgnoresFailsStartUpWithWhatSqliteReports() {
		withFile().withPropertyValues("pm.db.pragmas.page_size=1000").run((context) -> {
			DatabaseException failure = cause(context.getStartupFailure(), DatabaseException.class);
			assertThat(failure).hasMessageContaining("PRAGMA page_size = 1000 did not take")
				.hasMessageContaining("SQLite reports '4096' where '1000' was expected");
		});
	}

	@Test
	void pragmaFailureOfAnInMemoryDatabaseSaysSo() {
		this.contextRunner.withPropertyValues("pm.db.path=:memory:", "pm.db.pragmas.no_such_pragma=1")
			.run((context) -> assertThat(cause(context.getStartupFailure(), DatabaseException.class))
				.hasMessageContaining("(set on database :memory:)"));
	}

	@Test
	void negativeStatementCacheSizeFailsNamingTheProperty() {
		assertBindFailure("pm.db.statement-cache-size=-1", "pm.db.statement-cache-size");
	}

	@Test
	void negativeReadersFailNamingTheProperty() {
		assertBindFailure("pm.db.readers=-1", "pm.db.readers");
	}

	@Test
	void malformedFilePermissionsFailNamingTheProperty() {
		assertBindFailure("pm.db.file-permissions=rw-rw", "pm.db.file-permissions");
	}

	@Test
	void blankPathFailsNamingTheProperty() {
		assertBindFailure("pm.db.path= ", "pm.db.path");
	}

	@Test
	void pragmaValueThatCouldInjectSqlFailsNamingTheProperty() {
		assertBindFailure("pm.db.pragmas.cache_size=1; DROP TABLE item", "pm.db.pragmas");
	}

	@Test
	void pragmaWithAPropertyOfItsOwnFailsPointingToThatProperty() {
		withFile().withPropertyValues("pm.db.pragmas.journal_mode=delete").run((context) -> {
			assertThat(cause(context.getStartupFailure(), BindException.class)).hasRootCauseMessage(
					"pm.db.pragmas.journal_mode: PRAGMA journal_mode has a property of its own, pm.db.journal-mode");
		});
	}

	private void assertBindFailure(String property, String name) {
		withFile().withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(Databases.messages(cause(context.getStartupFailure(), BindException.class))).contains(name);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserDataSource {

		@Bean
		DataSource userDataSource() {
			return new DriverManagerDataSource("jdbc:sqlite::memory:");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NoInitializer {

		// Replaces the initializer, so nothing touches the working directory, and with
		// it the database it would have made ready.
		@Bean
		DatabaseInitializer databaseInitializer() {
			return null;
		}

		@Bean
		SqliteDatabase sqliteDatabase() {
			return null;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserJdbcBeans {

		@Bean
		PlatformTransactionManager userTransactionManager(DataSource dataSource) {
			return new JdbcTransactionManager(dataSource);
		}

		@Bean
		JdbcTemplate userJdbcTemplate(DataSource dataSource) {
			return new JdbcTemplate(dataSource);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@DependsOnDatabaseInitialization
	static class AnnotatedDataSourceUser {

		final int historyRows;

		AnnotatedDataSourceUser(DataSource dataSource) throws SQLException {
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("SELECT count(*) FROM flyway_schema_history")) {
				result.next();
				this.historyRows = result.getInt(1);
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EagerUser {

		private final JdbcTemplate jdbc;

		int tables;

		EagerUser(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@PostConstruct
		void countTables() {
			this.tables = this.jdbc.queryForObject(
					"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('item', 'tag')",
					Integer.class);
		}

	}

}
