package dev.pm.db.autoconfigure;

import javax.sql.DataSource;

import dev.pm.db.DatabaseBackup;
import dev.pm.db.DatabaseInitializer;
import dev.pm.db.SqliteDatabase;
import dev.pm.db.backup.OnlineBackup;
import dev.pm.db.jdbc.DatabaseUpkeep;
import dev.pm.db.jdbc.SqliteDataSource;
import dev.pm.db.jdbc.SqliteExceptionTranslator;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.sqlite.SQLiteConnection;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Auto-configuration of an embedded SQLite database: one shared, leased connection with
 * verified PRAGMAs, a start-up {@link DatabaseInitializer}, a transaction manager (a JPA
 * one when the application has an {@code EntityManagerFactory}) and the JDBC templates.
 * Runs before Spring Boot's own JDBC, Flyway, Hibernate and transaction
 * auto-configurations, which then back off; a user-defined {@link DataSource}, or a
 * {@code spring.datasource.url} of another database, makes all of pm-db back off. An
 * SQLite {@code spring.datasource.url} names the database file, like {@code pm.db.path}.
 *
 * @author pm-db
 * @since 0.1.0
 */
@AutoConfiguration(beforeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
		"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
		"org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration" })
@ConditionalOnClass({ SQLiteConnection.class, Flyway.class, JdbcTemplate.class })
@ConditionalOnMissingBean(DataSource.class)
@Conditional(OnSqliteDataSourceUrlCondition.class)
@EnableConfigurationProperties(PmDbProperties.class)
@Import({ DatabaseInitializationDependencyConfigurer.class, FlywayBeanOrder.class })
@ImportRuntimeHints(PmDbRuntimeHints.class)
public final class PmDbAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PmDbConnectionDetails pmDbConnectionDetails(PmDbProperties properties, Environment environment) {
		return SqliteDataSourceUrl.connectionDetails(properties, environment);
	}

	@Bean
	SqliteDataSource dataSource(PmDbConnectionDetails connectionDetails, PmDbProperties properties) {
		return PmDbDatabase.dataSource(connectionDetails.getPath(), properties);
	}

	// pm-db's other beans take the DataSource bean as it is, which may be a proxy of it
	// (metrics, tracing): their work then goes through the proxy, as everybody else's
	// does.

	@Bean
	@ConditionalOnMissingBean
	SqliteExceptionTranslator sqliteExceptionTranslator(PmDbConnectionDetails connectionDetails,
			PmDbProperties properties) {
		return PmDbDatabase.exceptionTranslator(connectionDetails.getPath(), properties);
	}

	@Bean
	@ConditionalOnMissingBean(TransactionManager.class)
	PlatformTransactionManager transactionManager(DataSource dataSource, SqliteExceptionTranslator exceptionTranslator,
			ListableBeanFactory beanFactory, ResourceLoader resourceLoader) {
		return TransactionManagerFactory.create(dataSource, exceptionTranslator, beanFactory,
				resourceLoader.getClassLoader());
	}

	@Bean
	DefaultTransactionManagerVerifier defaultTransactionManagerVerifier(DataSource dataSource,
			ObjectProvider<TransactionManager> transactionManagers) {
		return new DefaultTransactionManagerVerifier(SqliteDataSourceUnwrapper.unwrap(dataSource), transactionManagers);
	}

	// Unless the application has a Flyway of its own, whose configuration pm-db then
	// migrates with.
	@Bean
	@ConditionalOnMissingBean(Flyway.class)
	PmDbFlyway pmDbFlyway(DataSource dataSource, PmDbProperties properties, ResourceLoader resourceLoader,
			Environment environment, ObjectProvider<Callback> callbacks, ObjectProvider<JavaMigration> javaMigrations,
			ListableBeanFactory beanFactory) {
		SpringFlywayProperties.rejectAny(environment);
		FluentConfiguration configuration = PmDbDatabase
			.flywayConfiguration(dataSource, properties, resourceLoader.getClassLoader())
			.callbacks(callbacks.orderedStream().toArray(Callback[]::new))
			.javaMigrations(javaMigrations.orderedStream().toArray(JavaMigration[]::new));
		FlywayConfigurationCustomizers.apply(configuration, beanFactory);
		return new PmDbFlyway(configuration);
	}

	// Made when something uses it: pm-db's start-up reads only the configuration.
	@Bean
	@Lazy
	@ConditionalOnMissingBean
	Flyway flyway(PmDbFlyway pmDbFlyway) {
		return new Flyway(pmDbFlyway.getConfiguration());
	}

	@Bean
	@ConditionalOnMissingBean
	DatabaseInitializer databaseInitializer(DataSource dataSource, ObjectProvider<PmDbFlyway> pmDbFlyway,
			ObjectProvider<Flyway> flyway, PmDbProperties properties) {
		return PmDbDatabase.initializer(SqliteDataSourceUnwrapper.unwrap(dataSource),
				PmDbFlyway.configurationOf(pmDbFlyway, flyway), properties);
	}

	@Bean
	@ConditionalOnMissingBean
	SqliteDatabase sqliteDatabase(DatabaseInitializer databaseInitializer) {
		return databaseInitializer.getDatabase();
	}

	// Started after the start-up checks and migrations.
	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	DatabaseUpkeep databaseUpkeep(DataSource dataSource, PmDbProperties properties) {
		return PmDbDatabase.upkeep(SqliteDataSourceUnwrapper.unwrap(dataSource), properties);
	}

	@Bean
	@ConditionalOnMissingBean
	DatabaseBackup databaseBackup(DataSource dataSource, PmDbProperties properties) {
		return new OnlineBackup(SqliteDataSourceUnwrapper.unwrap(dataSource), properties.filePermissionSet());
	}

	@Bean
	@ConditionalOnMissingBean(JdbcOperations.class)
	JdbcTemplate jdbcTemplate(DataSource dataSource, SqliteExceptionTranslator exceptionTranslator) {
		return PmDbDatabase.jdbcTemplate(dataSource, exceptionTranslator);
	}

	@Bean
	@ConditionalOnMissingBean(NamedParameterJdbcOperations.class)
	NamedParameterJdbcTemplate namedParameterJdbcTemplate(JdbcTemplate jdbcTemplate) {
		return new NamedParameterJdbcTemplate(jdbcTemplate);
	}

	@Bean
	@ConditionalOnMissingBean
	JdbcClient jdbcClient(NamedParameterJdbcTemplate namedParameterJdbcTemplate) {
		return JdbcClient.create(namedParameterJdbcTemplate);
	}

	@Bean
	@ConditionalOnMissingBean(TransactionOperations.class)
	TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
		return new TransactionTemplate(transactionManager);
	}

}
