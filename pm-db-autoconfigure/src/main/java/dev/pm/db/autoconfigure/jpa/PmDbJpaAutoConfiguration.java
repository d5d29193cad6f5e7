package dev.pm.db.autoconfigure.jpa;

import javax.sql.DataSource;

import dev.pm.db.autoconfigure.PmDbAutoConfiguration;
import dev.pm.db.jdbc.SqliteExceptionTranslator;
import dev.pm.db.jpa.SqliteJpaTransactionManager;
import jakarta.persistence.EntityManager;
import org.flywaydb.core.Flyway;
import org.hibernate.engine.spi.SessionImplementor;
import org.sqlite.SQLiteConnection;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.transaction.TransactionManager;

/**
 * Auto-configuration of JPA on pm-db's database, when Hibernate is present: a
 * {@link SqliteJpaTransactionManager}, so that the {@code EntityManager} joins
 * {@code @Transactional} methods together with the JDBC templates, and pm-db's SQLite
 * exception translation for Hibernate.
 * <p>
 * Runs before {@link PmDbAutoConfiguration}, whose JDBC transaction manager then backs off,
 * and before Spring Boot's Hibernate auto-configuration, whose plain
 * {@code JpaTransactionManager} backs off too. Its conditions are those of pm-db and of
 * Spring Boot's Hibernate auto-configuration together.
 *
 * @author pm-db
 */
@AutoConfiguration(before = PmDbAutoConfiguration.class,
		beforeName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass({ SQLiteConnection.class, Flyway.class, LocalContainerEntityManagerFactoryBean.class,
		EntityManager.class, SessionImplementor.class })
@ConditionalOnMissingBean(DataSource.class)
public final class PmDbJpaAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(TransactionManager.class)
	SqliteJpaTransactionManager transactionManager(ObjectProvider<TransactionManagerCustomizers> customizers) {
		SqliteJpaTransactionManager transactionManager = new SqliteJpaTransactionManager();
		customizers.ifAvailable((available) -> available.customize(transactionManager));
		return transactionManager;
	}

	@Bean
	static HibernateExceptionTranslatorPostProcessor hibernateExceptionTranslatorPostProcessor(
			ObjectProvider<SqliteExceptionTranslator> exceptionTranslator) {
		return new HibernateExceptionTranslatorPostProcessor(exceptionTranslator);
	}

}
