package dev.pm.db.autoconfigure;

import java.util.Arrays;
import java.util.Set;

import dev.pm.db.DatabaseInitializer;
import org.flywaydb.core.Flyway;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.Ordered;

/**
 * Undoes one dependency that Spring Boot's database initialization ordering adds: pm-db's
 * {@link DatabaseInitializer} runs first of all initializers and uses the application's
 * {@link Flyway} bean to migrate, but Boot's Flyway detector reports that bean as an
 * initializer of its own, which would make it wait for pm-db's initializer, a cycle. Runs
 * after Boot's {@code DatabaseInitializationDependencyConfigurer}.
 *
 * @author pm-db
 */
class FlywayBeanOrder implements BeanFactoryPostProcessor, Ordered {

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		Set<String> initializers = Set.of(beanFactory.getBeanNamesForType(DatabaseInitializer.class, true, false));
		for (String flyway : beanFactory.getBeanNamesForType(Flyway.class, true, false)) {
			BeanDefinition definition = beanFactory.getBeanDefinition(flyway);
			String[] dependsOn = definition.getDependsOn();
			if (dependsOn != null) {
				definition.setDependsOn(
						Arrays.stream(dependsOn).filter((name) -> !initializers.contains(name)).toArray(String[]::new));
			}
		}
	}

	@Override
	public int getOrder() {
		// Boot's configurer sets the dependencies at order 0.
		return 1;
	}

}
