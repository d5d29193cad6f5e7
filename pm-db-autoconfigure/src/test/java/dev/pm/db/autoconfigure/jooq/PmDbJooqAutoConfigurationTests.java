package dev.pm.db.autoconfigure.jooq;

import java.nio.file.Path;

import dev.pm.db.test.Runners;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.jooq.autoconfigure.ExceptionTranslatorExecuteListener;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

class PmDbJooqAutoConfigurationTests {

	@TempDir
	Path dir;

	private ApplicationContextRunner contextRunner() {
		return Runners.pmDbOnFile(this.dir, PmDbJooqAutoConfiguration.class, JooqAutoConfiguration.class,
				TransactionAutoConfiguration.class);
	}

	@Test
	void dslContextRunsOnPmDbsDatabaseWithTheSqliteDialect() {
		contextRunner().run((context) -> {
			DSLContext dsl = context.getBean(DSLContext.class);
			assertThat(dsl.dialect()).isEqualTo(SQLDialect.SQLITE);
			dsl.insertInto(table("item"), field("name")).values("from jooq").execute();
			assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT name FROM item", String.class))
				.isEqualTo("from jooq");
		});
	}

	@Test
	void jooqErrorsAreTranslatedByPmDb() {
		contextRunner().run((context) -> {
			DSLContext dsl = context.getBean(DSLContext.class);
			dsl.insertInto(table("item"), field("name")).values("twice").execute();
			assertThatExceptionOfType(DuplicateKeyException.class)
				.isThrownBy(() -> dsl.insertInto(table("item"), field("name")).values("twice").execute());
			assertThatExceptionOfType(BadSqlGrammarException.class)
				.isThrownBy(() -> dsl.selectFrom(table("no_such_table")).fetch());
		});
	}

	@Test
	void jooqWorkIsRolledBackWithPmDbsTransaction() {
		contextRunner().run((context) -> {
			DSLContext dsl = context.getBean(DSLContext.class);
			context.getBean(TransactionTemplate.class).executeWithoutResult((status) -> {
				dsl.insertInto(table("item"), field("name")).values("undone").execute();
				status.setRollbackOnly();
			});
			assertThat(dsl.fetchCount(table("item"))).isZero();
		});
	}

	@Test
	void jooqInAReadOnlyTransactionReadsOnAReadOnlyConnectionAndOutsideOnTheWriter() {
		contextRunner().withPropertyValues("pm.db.readers=2").run((context) -> {
			DSLContext dsl = context.getBean(DSLContext.class);
			TransactionTemplate readOnly = new TransactionTemplate(
					context.getBean(TransactionTemplate.class).getTransactionManager());
			readOnly.setReadOnly(true);
			Object inside = readOnly.execute((status) -> dsl.fetchValue("PRAGMA query_only"));
			assertThat(inside).hasToString("1");
			assertThat(dsl.fetchValue("PRAGMA query_only")).hasToString("0");
		});
	}

	@Test
	void usesTheApplicationsOwnTranslatorListener() {
		contextRunner().withUserConfiguration(UserListener.class)
			.run((context) -> assertThat(context).getBean(ExceptionTranslatorExecuteListener.class)
				.isSameAs(ExceptionTranslatorExecuteListener.DEFAULT));
	}

	@Test
	void needsJooq() {
		contextRunner().withClassLoader(new FilteredClassLoader(DSLContext.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ExceptionTranslatorExecuteListener.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserListener {

		@Bean
		ExceptionTranslatorExecuteListener userTranslator() {
			return ExceptionTranslatorExecuteListener.DEFAULT;
		}

	}

}
