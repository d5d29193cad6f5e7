package dev.pm.db.autoconfigure.jooq;

import dev.pm.db.autoconfigure.PmDbAutoConfiguration;
import dev.pm.db.jdbc.SqliteExceptionTranslator;
import org.jooq.DSLContext;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jooq.autoconfigure.ExceptionTranslatorExecuteListener;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of jOOQ on pm-db's database: jOOQ's errors are translated by pm-db's
 * SQLite translator instead of Spring's generic one, which knows no SQLite error codes.
 * Spring Boot's jOOQ auto-configuration, which runs after this one, uses the listener.
 *
 * @author pm-db
 * @since 0.1.0
 */
@AutoConfiguration(after = PmDbAutoConfiguration.class,
		beforeName = "org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration")
@ConditionalOnClass({ DSLContext.class, ExceptionTranslatorExecuteListener.class })
@ConditionalOnBean(SqliteExceptionTranslator.class)
public final class PmDbJooqAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ExceptionTranslatorExecuteListener jooqExceptionTranslator(SqliteExceptionTranslator exceptionTranslator) {
		return ExceptionTranslatorExecuteListener.of((context) -> exceptionTranslator);
	}

}
