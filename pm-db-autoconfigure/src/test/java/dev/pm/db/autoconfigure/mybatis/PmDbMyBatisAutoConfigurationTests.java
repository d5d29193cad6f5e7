package dev.pm.db.autoconfigure.mybatis;

import java.nio.file.Path;

import dev.pm.db.test.Runners;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.defaults.DefaultSqlSessionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mybatis.spring.MyBatisExceptionTranslator;
import org.mybatis.spring.SqlSessionTemplate;
import org.mybatis.spring.annotation.MapperScan;
import org.mybatis.spring.boot.autoconfigure.MybatisAutoConfiguration;
import org.mybatis.spring.transaction.SpringManagedTransactionFactory;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PmDbMyBatisAutoConfigurationTests {

	@TempDir
	Path dir;

	private ApplicationContextRunner contextRunner() {
		return Runners
			.pmDbOnFile(this.dir, PmDbMyBatisAutoConfiguration.class, MybatisAutoConfiguration.class,
					TransactionAutoConfiguration.class)
			.withUserConfiguration(Mappers.class);
	}

	@Test
	void mapperErrorsAreTranslatedByPmDb() {
		contextRunner().run((context) -> {
			ItemMapper items = context.getBean(ItemMapper.class);
			items.insert("twice");
			assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> items.insert("twice"));
		});
	}

	@Test
	void mapperWorkIsRolledBackWithPmDbsTransaction() {
		contextRunner().run((context) -> {
			ItemMapper items = context.getBean(ItemMapper.class);
			context.getBean(TransactionTemplate.class).executeWithoutResult((status) -> {
				items.insert("undone");
				status.setRollbackOnly();
			});
			assertThat(items.count()).isZero();
		});
	}

	@Test
	void keepsTheConfiguredExecutorType() {
		contextRunner().withPropertyValues("mybatis.executor-type=reuse")
			.run((context) -> assertThat(context.getBean(SqlSessionTemplate.class).getExecutorType())
				.isEqualTo(ExecutorType.REUSE));
	}

	@Test
	void leavesTemplatesOfOtherDatabasesAlone() {
		Runners.pmDbOnFile(this.dir, PmDbMyBatisAutoConfiguration.class)
			.withUserConfiguration(OtherDatabaseTemplate.class)
			.run((context) -> assertThat(context.getBean(SqlSessionTemplate.class).getPersistenceExceptionTranslator())
				.isSameAs(OtherDatabaseTemplate.TRANSLATOR));
	}

	@Test
	void needsMyBatis() {
		contextRunner().withClassLoader(new FilteredClassLoader(SqlSessionTemplate.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SqlSessionTemplateTranslationPostProcessor.class));
	}

	// fully-qualified: MyBatis's Configuration is imported
	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	@MapperScan(basePackageClasses = ItemMapper.class, annotationClass = Mapper.class)
	static class Mappers {

	}

	// fully-qualified: MyBatis's Configuration is imported
	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class OtherDatabaseTemplate {

		static final MyBatisExceptionTranslator TRANSLATOR = new MyBatisExceptionTranslator(
				new DriverManagerDataSource("jdbc:sqlite::memory:"), true);

		@Bean
		SqlSessionTemplate otherTemplate() {
			Configuration configuration = new Configuration(new Environment("other",
					new SpringManagedTransactionFactory(), new DriverManagerDataSource("jdbc:sqlite::memory:")));
			SqlSessionFactory factory = new DefaultSqlSessionFactory(configuration);
			return new SqlSessionTemplate(factory, ExecutorType.SIMPLE, TRANSLATOR);
		}

	}

}
