package dev.pm.db.autoconfigure.mybatis;

import javax.sql.DataSource;

import dev.pm.db.autoconfigure.PmDbAutoConfiguration;
import dev.pm.db.jdbc.SqliteExceptionTranslator;
import org.mybatis.spring.SqlSessionTemplate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of MyBatis on pm-db's database: MyBatis's errors are translated by
 * pm-db's SQLite translator.
 *
 * @author pm-db
 * @since 0.1.0
 */
@AutoConfiguration(after = PmDbAutoConfiguration.class)
@ConditionalOnClass(SqlSessionTemplate.class)
@ConditionalOnBean(SqliteExceptionTranslator.class)
public final class PmDbMyBatisAutoConfiguration {

	@Bean
	static SqlSessionTemplateTranslationPostProcessor sqlSessionTemplateTranslationPostProcessor(
			ObjectProvider<DataSource> dataSource, ObjectProvider<SqliteExceptionTranslator> exceptionTranslator) {
		return new SqlSessionTemplateTranslationPostProcessor(dataSource, exceptionTranslator);
	}

}
