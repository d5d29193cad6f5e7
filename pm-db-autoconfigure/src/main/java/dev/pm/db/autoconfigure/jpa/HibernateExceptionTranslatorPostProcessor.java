package dev.pm.db.autoconfigure.jpa;

import dev.pm.db.jdbc.SqliteExceptionTranslator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.orm.jpa.EntityManagerFactoryInfo;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;

/**
 * Gives the {@link HibernateJpaDialect} of each {@code EntityManagerFactory} pm-db's
 * SQLite exception translator. The dialect translates for the JPA transaction manager
 * and, through the {@code EntityManagerFactory} bean, for repositories; Hibernate's own
 * mapping would turn SQLite's errors into generic exceptions (a unique key into a bare
 * {@code DataIntegrityViolationException}, corruption into nothing pm-db reports).
 *
 * @author pm-db
 */
final class HibernateExceptionTranslatorPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<SqliteExceptionTranslator> exceptionTranslator;

	HibernateExceptionTranslatorPostProcessor(ObjectProvider<SqliteExceptionTranslator> exceptionTranslator) {
		this.exceptionTranslator = exceptionTranslator;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof EntityManagerFactoryInfo info
				&& info.getJpaDialect() instanceof HibernateJpaDialect dialect) {
			dialect.setJdbcExceptionTranslator(this.exceptionTranslator.getObject());
		}
		return bean;
	}

}
