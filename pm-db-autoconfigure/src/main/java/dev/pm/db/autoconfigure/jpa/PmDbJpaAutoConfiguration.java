package dev.pm.db.autoconfigure.jpa;

import dev.pm.db.autoconfigure.PmDbAutoConfiguration;
import dev.pm.db.jdbc.SqliteExceptionTranslator;
import org.hibernate.engine.spi.SessionImplementor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;

/**
 * Auto-configuration of Hibernate on pm-db's database: SQLite errors that reach JPA
 * repositories and the transaction manager are translated by pm-db's translator, and
 * Hibernate's SQLite dialect is pm-db's {@code SqliteAffinityDialect} unless the
 * application chose one. The JPA transaction manager itself is pm-db's
 * {@code transactionManager} bean.
 *
 * @author pm-db
 * @since 0.1.0
 */
@AutoConfiguration(after = PmDbAutoConfiguration.class)
@ConditionalOnClass({ HibernateJpaDialect.class, SessionImplementor.class })
@ConditionalOnBean(SqliteExceptionTranslator.class)
public final class PmDbJpaAutoConfiguration {

	// By name: hibernate-community-dialects is the application's choice, and may be
	// absent.
	@Bean
	@ConditionalOnClass(name = "org.hibernate.community.dialect.SQLiteDialect")
	SqliteDialectCustomizer pmDbSqliteDialectCustomizer(Environment environment) {
		return new SqliteDialectCustomizer(environment);
	}

	@Bean
	static HibernateExceptionTranslatorPostProcessor hibernateExceptionTranslatorPostProcessor(
			ObjectProvider<SqliteExceptionTranslator> exceptionTranslator) {
		return new HibernateExceptionTranslatorPostProcessor(exceptionTranslator);
	}

}
