package dev.pm.db.autoconfigure;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import dev.pm.db.DatabaseInitializer;
import dev.pm.db.DatabasePath;
import dev.pm.db.jdbc.PragmaApplier;
import dev.pm.db.jdbc.SqliteDataSource;
import dev.pm.db.jdbc.SqliteTransactionManager;
import dev.pm.db.jdbc.TransactionMode;
import dev.pm.db.test.Runners;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.pm.db.test.Databases.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * pm-db beside what applications and libraries do to the {@code DataSource}: wrap it in a
 * proxy, replace it, add a second database and its transaction manager.
 */
class DataSourceArrangementsTests {

	@TempDir
	Path dir;

	private ApplicationContextRunner withFile() {
		return Runners.pmDbOnFile(this.dir);
	}

	@Test
	void worksThroughAProxyOfItsDataSourceAsMetricsLibrariesMakeIt() {
		withFile().withUserConfiguration(DataSourceProxying.class).run((context) -> {
			assertThat(context).hasNotFailed();
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(Proxy.isProxyClass(dataSource.getClass())).isTrue();
			assertThat(context.getBean(DatabaseInitializer.class).getSchemaVersion()).hasValue("2");
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.getDataSource()).isSameAs(dataSource);
			new TransactionTemplate(context.getBean(PlatformTransactionManager.class))
				.executeWithoutResult((status) -> {
					jdbc.update("INSERT INTO item (name) VALUES ('undone')");
					status.setRollbackOnly();
				});
			assertThat(jdbc.queryForObject("SELECT count(*) FROM item", Integer.class)).isZero();
		});
	}

	@Test
	void failsClearlyWhenItsDataSourceIsReplacedByAnotherDatabase() {
		withFile().withUserConfiguration(DataSourceReplacement.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains("pm-db's DataSource bean was replaced by")
				.contains("@AutoConfigureTestDatabase(replace = Replace.NONE)");
		});
	}

	@Test
	void keepsItsDatabaseAndTransactionManagerBesideASecondOneThatIsNotADefaultCandidate() {
		withFile().withUserConfiguration(AuditDatabase.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean("dataSource")).isSameAs(context.getBean(DataSource.class));
			assertThat(context.getBean(PlatformTransactionManager.class)).isInstanceOf(SqliteTransactionManager.class);
			assertThat(context.getBeanNamesForType(PlatformTransactionManager.class))
				.containsExactlyInAnyOrder("transactionManager", "auditTransactionManager");
		});
	}

	@Test
	void failsStartupWhenATransactionManagerOfAnotherDatabaseWouldBeTheDefault() {
		withFile().withUserConfiguration(OtherDefaultTransactionManager.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure()))
				.contains("@Transactional methods would use transaction manager")
				.contains("not pm-db's database " + this.dir.resolve("pm.db"))
				.contains("@Bean(defaultCandidate = false)");
		});
	}

	@Test
	void failsStartupWhenTheDefaultTransactionManagersDataSourceCannotSayWhatItWraps() {
		withFile().withUserConfiguration(OpaqueTransactionManager.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure()))
				.contains("@Transactional methods would use transaction manager")
				.contains("which manages opaque DataSource");
		});
	}

	@Test
	void failsStartupWhenTheDefaultTransactionManagerIsForAnotherSqliteDatabase() {
		withFile().withUserConfiguration(SecondSqliteDatabaseTransactionManager.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure()))
				.contains("@Transactional methods would use transaction manager");
		});
	}

	@Test
	void acceptsADefaultTransactionManagerThatIsNotBoundToOneDataSource() {
		withFile().withUserConfiguration(UnboundTransactionManager.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(SqliteTransactionManager.class);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class DataSourceProxying {

		// What datasource-micrometer and similar libraries do: a JDK proxy that
		// delegates.
		@Bean
		static BeanPostProcessor dataSourceProxy() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (!(bean instanceof DataSource target)) {
						return bean;
					}
					return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { DataSource.class },
							(proxy, method, args) -> {
								try {
									return method.invoke(target, args);
								}
								catch (InvocationTargetException ex) {
									throw ex.getCause();
								}
							});
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DataSourceReplacement {

		// What @AutoConfigureTestDatabase does: swap the definition of the dataSource
		// bean.
		@Bean
		static BeanDefinitionRegistryPostProcessor dataSourceReplacement() {
			return (BeanDefinitionRegistry registry) -> {
				registry.removeBeanDefinition("dataSource");
				RootBeanDefinition replacement = new RootBeanDefinition(DriverManagerDataSource.class);
				replacement.getConstructorArgumentValues().addGenericArgumentValue("jdbc:sqlite::memory:");
				registry.registerBeanDefinition("dataSource", replacement);
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AuditDatabase {

		@Bean(defaultCandidate = false)
		DriverManagerDataSource auditDataSource() {
			return new DriverManagerDataSource("jdbc:sqlite::memory:");
		}

		@Bean(defaultCandidate = false)
		JdbcTransactionManager auditTransactionManager() {
			return new JdbcTransactionManager(auditDataSource());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OtherDefaultTransactionManager {

		@Bean
		JdbcTransactionManager auditTransactionManager() {
			return new JdbcTransactionManager(new DriverManagerDataSource("jdbc:sqlite::memory:"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SecondSqliteDatabaseTransactionManager {

		@Bean
		JdbcTransactionManager auditTransactionManager() {
			return new JdbcTransactionManager(new SqliteDataSource(DatabasePath.of(DatabasePath.IN_MEMORY),
					new PragmaApplier(List.of(), null), Duration.ofSeconds(1), TransactionMode.IMMEDIATE, 0));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnboundTransactionManager {

		// Like JTA's: not bound to one DataSource, so it may well cover pm-db's.
		@Bean
		PlatformTransactionManager globalTransactionManager() {
			return mock(PlatformTransactionManager.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OpaqueTransactionManager {

		@Bean
		JdbcTransactionManager auditTransactionManager() {
			DataSource opaque = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
					new Class<?>[] { DataSource.class }, (proxy, method, args) -> {
						if (method.getName().equals("toString")) {
							return "opaque DataSource";
						}
						throw new SQLException("cannot tell");
					});
			JdbcTransactionManager transactionManager = new JdbcTransactionManager();
			transactionManager.setDataSource(opaque);
			return transactionManager;
		}

	}

}
