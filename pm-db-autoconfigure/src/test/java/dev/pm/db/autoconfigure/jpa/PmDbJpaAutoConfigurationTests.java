package dev.pm.db.autoconfigure.jpa;

import java.nio.file.Path;

import javax.sql.DataSource;

import dev.pm.db.jdbc.SqliteTransactionManager;
import dev.pm.db.jpa.SqliteJpaTransactionManager;
import dev.pm.db.test.Runners;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.engine.spi.SessionImplementor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

class PmDbJpaAutoConfigurationTests {

	@TempDir
	Path dir;

	private ApplicationContextRunner contextRunner() {
		return Runners.pmDbOnFile(this.dir, PmDbJpaAutoConfiguration.class, HibernateJpaAutoConfiguration.class);
	}

	@Test
	void jpaTransactionManagerReplacesBothPmDbsJdbcOneAndBootsPlainJpaOne() {
		contextRunner().run((context) -> {
			assertThat(context).hasSingleBean(TransactionManager.class);
			assertThat(context.getBean("transactionManager")).isInstanceOf(SqliteJpaTransactionManager.class);
			assertThat(context.getBean(JpaTransactionManager.class).getDataSource())
				.isSameAs(context.getBean(DataSource.class));
		});
	}

	@Test
	void jdbcTransactionManagerStaysWithoutJpa() {
		Runners.pmDbOnFile(this.dir, PmDbJpaAutoConfiguration.class)
			.withClassLoader(new FilteredClassLoader(EntityManagerFactory.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(TransactionManager.class);
				assertThat(context).hasSingleBean(SqliteTransactionManager.class);
			});
	}

	@Test
	void jdbcTransactionManagerStaysWithoutSpringOrm() {
		contextRunner().withClassLoader(new FilteredClassLoader(JpaTransactionManager.class)).run((context) -> {
			assertThat(context).hasSingleBean(TransactionManager.class);
			assertThat(context).hasSingleBean(SqliteTransactionManager.class);
		});
	}

	@Test
	void noHibernateTranslationWithoutHibernate() {
		contextRunner().withClassLoader(new FilteredClassLoader(SessionImplementor.class)).run((context) -> {
			assertThat(context).hasSingleBean(TransactionManager.class);
			assertThat(context).hasSingleBean(SqliteTransactionManager.class);
			assertThat(context).doesNotHaveBean(HibernateExceptionTranslatorPostProcessor.class);
		});
	}

	@Test
	void setsTheSqliteDialectOnlyWithHibernatesCommunityDialects() {
		contextRunner().run((context) -> assertThat(context).hasSingleBean(SqliteDialectCustomizer.class));
		contextRunner().withClassLoader(new FilteredClassLoader(SQLiteDialect.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SqliteDialectCustomizer.class));
	}

	@Test
	void backsOffWhenTheUserDefinesATransactionManager() {
		contextRunner().withUserConfiguration(UserTransactionManager.class).run((context) -> {
			assertThat(context).hasSingleBean(TransactionManager.class);
			assertThat(context).getBean(TransactionManager.class).isSameAs(context.getBean("userTransactionManager"));
		});
	}

	@Test
	void backsOffWhenTheUserDefinesADataSource() {
		contextRunner().withUserConfiguration(UserDataSource.class).run((context) -> {
			assertThat(context).doesNotHaveBean(SqliteJpaTransactionManager.class);
			assertThat(context).doesNotHaveBean(HibernateExceptionTranslatorPostProcessor.class);
		});
	}

	@Test
	void jdbcTransactionManagerStaysWhenHibernateIsPresentButNoEntityManagerFactoryIsDefined() {
		Runners.pmDbOnFile(this.dir, PmDbJpaAutoConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(TransactionManager.class);
			assertThat(context).hasSingleBean(SqliteTransactionManager.class);
		});
	}

	@Test
	void jpaTransactionManagerWithoutSpringBootTransaction() {
		contextRunner().withClassLoader(new FilteredClassLoader(TransactionManagerCustomizers.class))
			.run((context) -> assertThat(context.getBean(TransactionManager.class))
				.isInstanceOf(SqliteJpaTransactionManager.class));
	}

	@Test
	void appliesSpringTransactionProperties() {
		contextRunner().withConfiguration(AutoConfigurations.of(TransactionManagerCustomizationAutoConfiguration.class))
			.withPropertyValues("spring.transaction.default-timeout=7s")
			.run((context) -> assertThat(context.getBean(SqliteJpaTransactionManager.class).getDefaultTimeout())
				.isEqualTo(7));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserTransactionManager {

		@Bean
		PlatformTransactionManager userTransactionManager(DataSource dataSource) {
			return new JdbcTransactionManager(dataSource);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserDataSource {

		@Bean
		DataSource userDataSource() {
			return new DriverManagerDataSource("jdbc:sqlite::memory:");
		}

	}

}
