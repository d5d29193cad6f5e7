package dev.pm.db.autoconfigure;

import java.nio.file.Path;

import dev.pm.db.DatabaseInitializer;
import dev.pm.db.jdbc.SqliteDataSource;
import dev.pm.db.jdbc.SqliteTransactionManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A second pm-db database beside the main one, made with {@link PmDbDatabase} as its
 * Javadoc shows.
 */
class TwoDatabasesTests {

	@TempDir
	Path dir;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PmDbAutoConfiguration.class))
			.withUserConfiguration(AuditDatabaseConfiguration.class)
			.withPropertyValues("pm.db.path=" + this.dir.resolve("main.db"),
					"audit.db.path=" + this.dir.resolve("audit.db"),
					"audit.db.migration.locations=classpath:db/migration/base");
	}

	@Test
	void bothDatabasesAreCheckedAndMigratedFromTheirOwnMigrations() {
		contextRunner().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(DatabaseInitializer.class).getSchemaVersion()).hasValue("2");
			DatabaseInitializer audit = context.getBean("auditDatabaseInitializer", DatabaseInitializer.class);
			assertThat(audit.getPath()).isEqualTo(this.dir.resolve("audit.db"));
			assertThat(audit.getSchemaVersion()).hasValue("1");
		});
	}

	@Test
	void theMainDatabaseKeepsTheDefaultBeans() {
		contextRunner().run((context) -> {
			assertThat(context.getBean(SqliteDataSource.class).getPath().getFile())
				.isEqualTo(this.dir.resolve("main.db"));
			assertThat(context.getBean(PlatformTransactionManager.class))
				.isSameAs(context.getBean("transactionManager"));
		});
	}

	@Test
	void eachDatabaseHasItsOwnTransactions() {
		contextRunner().run((context) -> {
			JdbcClient main = context.getBean(JdbcClient.class);
			JdbcClient audit = context.getBean("auditJdbcClient", JdbcClient.class);
			new TransactionTemplate(context.getBean("auditTransactionManager", PlatformTransactionManager.class))
				.executeWithoutResult((status) -> {
					audit.sql("INSERT INTO item (name) VALUES ('undone')").update();
					main.sql("INSERT INTO item (name) VALUES ('kept')").update();
					status.setRollbackOnly();
				});
			assertThat(audit.sql("SELECT count(*) FROM item").query(Integer.class).single()).isZero();
			assertThat(main.sql("SELECT count(*) FROM item").query(Integer.class).single()).isOne();
		});
	}

	@Test
	void theSecondDatabasesErrorsAreTranslated() {
		contextRunner().run((context) -> {
			JdbcClient audit = context.getBean("auditJdbcClient", JdbcClient.class);
			audit.sql("INSERT INTO item (name) VALUES ('twice')").update();
			assertThatExceptionOfType(DuplicateKeyException.class)
				.isThrownBy(() -> audit.sql("INSERT INTO item (name) VALUES ('twice')").update());
			PmDbDatabase database = context.getBean("auditDatabase", PmDbDatabase.class);
			assertThat(
					context.getBean("auditTransactionManager", SqliteTransactionManager.class).getExceptionTranslator())
				.isSameAs(database.getExceptionTranslator());
		});
	}

	@Test
	void aSecondDatabaseWithAReplicationTargetIsRefusedNamingThePropertyAndTheDatabase() {
		contextRunner().withPropertyValues("audit.db.replication.target=" + this.dir.resolve("replica"))
			.run((context) -> {
				assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("replication.target")
					.hasMessageContaining("only the main database")
					.hasMessageContaining(this.dir.resolve("audit.db").toString());
				assertThat(this.dir.resolve("audit.db")).doesNotExist();
				assertThat(this.dir.resolve("replica")).doesNotExist();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class AuditDatabaseConfiguration {

		@Bean(defaultCandidate = false)
		@ConfigurationProperties("audit.db")
		PmDbProperties auditDbProperties() {
			return new PmDbProperties();
		}

		@Bean(defaultCandidate = false)
		PmDbDatabase auditDatabase(@Qualifier("auditDbProperties") PmDbProperties properties,
				ResourceLoader resourceLoader) {
			return PmDbDatabase.create(properties, resourceLoader.getClassLoader());
		}

		@Bean(defaultCandidate = false)
		SqliteDataSource auditDataSource(@Qualifier("auditDatabase") PmDbDatabase database) {
			return database.getDataSource();
		}

		@Bean(defaultCandidate = false)
		DatabaseInitializer auditDatabaseInitializer(@Qualifier("auditDatabase") PmDbDatabase database) {
			return database.getInitializer();
		}

		@Bean(defaultCandidate = false)
		SqliteTransactionManager auditTransactionManager(@Qualifier("auditDatabase") PmDbDatabase database) {
			return database.createTransactionManager();
		}

		@Bean(defaultCandidate = false)
		JdbcClient auditJdbcClient(@Qualifier("auditDatabase") PmDbDatabase database) {
			return database.createJdbcClient();
		}

	}

}
