package dev.pm.db.autoconfigure;

import dev.pm.db.DatabaseInitializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The Flyway beans pm-db's initializer runs never wait for that initializer; what else
 * they wait for stays.
 */
class FlywayBeanOrderTests {

	@Test
	void flywayBeansNoLongerDependOnTheDatabaseInitializerButKeepTheirOtherDependencies() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("databaseInitializer", mock(DatabaseInitializer.class));
		RootBeanDefinition waiting = new RootBeanDefinition(Flyway.class);
		waiting.setDependsOn("databaseInitializer", "somethingElse");
		beanFactory.registerBeanDefinition("flyway", waiting);
		beanFactory.registerBeanDefinition("independent", new RootBeanDefinition(Flyway.class));
		new FlywayBeanOrder().postProcessBeanFactory(beanFactory);
		assertThat(beanFactory.getBeanDefinition("flyway").getDependsOn()).containsExactly("somethingElse");
		assertThat(beanFactory.getBeanDefinition("independent").getDependsOn()).isNull();
	}

	@Test
	void beansThatWaitForDatabaseInitializationWaitForTheDatabaseInitializerAloneNotForFlyway() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("databaseInitializer", mock(DatabaseInitializer.class));
		beanFactory.registerBeanDefinition("flyway", new RootBeanDefinition(Flyway.class));
		RootBeanDefinition jdbcTemplate = new RootBeanDefinition(Object.class);
		jdbcTemplate.setDependsOn("databaseInitializer", "flyway");
		beanFactory.registerBeanDefinition("jdbcTemplate", jdbcTemplate);
		new FlywayBeanOrder().postProcessBeanFactory(beanFactory);
		assertThat(beanFactory.getBeanDefinition("jdbcTemplate").getDependsOn()).containsExactly("databaseInitializer");
	}

}
