package dev.pm.db.autoconfigure.mybatis;

import javax.sql.DataSource;

import dev.pm.db.autoconfigure.SqliteDataSourceUnwrapper;
import dev.pm.db.jdbc.SqliteExceptionTranslator;
import org.mybatis.spring.MyBatisExceptionTranslator;
import org.mybatis.spring.SqlSessionTemplate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Gives each {@link SqlSessionTemplate} on pm-db's database pm-db's SQLite exception
 * translator. MyBatis's own translator looks SQLite's error codes up in Spring's table,
 * which has none, so every error would become an {@code UncategorizedSQLException}. The
 * template takes its translator only when it is made, so a new one replaces it, with the
 * same session factory and executor type; templates on other databases are left as they
 * are.
 *
 * @author pm-db
 */
final class SqlSessionTemplateTranslationPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<DataSource> dataSource;

	private final ObjectProvider<SqliteExceptionTranslator> exceptionTranslator;

	SqlSessionTemplateTranslationPostProcessor(ObjectProvider<DataSource> dataSource,
			ObjectProvider<SqliteExceptionTranslator> exceptionTranslator) {
		this.dataSource = dataSource;
		this.exceptionTranslator = exceptionTranslator;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof SqlSessionTemplate template && isOnPmDbsDatabase(template)) {
			SqliteExceptionTranslator translator = this.exceptionTranslator.getObject();
			return new SqlSessionTemplate(template.getSqlSessionFactory(), template.getExecutorType(),
					new MyBatisExceptionTranslator(() -> translator, true));
		}
		return bean;
	}

	private boolean isOnPmDbsDatabase(SqlSessionTemplate template) {
		DataSource used = template.getConfiguration().getEnvironment().getDataSource();
		return SqliteDataSourceUnwrapper.wraps(used, SqliteDataSourceUnwrapper.unwrap(this.dataSource.getObject()));
	}

}
