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
 * Undoes what Spring Boot's database initialization ordering adds for {@link Flyway}
 * beans: Boot's Flyway detector reports each as an initializer, but with pm-db none is.
 * pm-db's {@link DatabaseInitializer} migrates, first of all initializers, from the
 * Flyway configuration. Left in place, the Flyway bean would wait for pm-db's initializer
 * (a cycle), and every bean that waits for database initialization would make the Flyway
 * bean at start-up, which pm-db makes only when something uses it. Runs after Boot's
 * {@code DatabaseInitializationDependencyConfigurer}.
 *
 * @author pm-db
 */
class FlywayBeanOrder implements BeanFactoryPostProcessor, Ordered {

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		Set<String> initializers = Set.of(beanFactory.getBeanNamesForType(DatabaseInitializer.class, true, false));
		Set<String> flyways = Set.of(beanFactory.getBeanNamesForType(Flyway.class, true, false));
		for (String name : beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = beanFactory.getBeanDefinition(name);
			Set<String> removed = flyways.contains(name) ? initializers : flyways;
			String[] dependsOn = definition.getDependsOn();
			if (dependsOn != null) {
				definition.setDependsOn(
						Arrays.stream(dependsOn).filter((other) -> !removed.contains(other)).toArray(String[]::new));
			}
		}
	}

	@Override
	public int getOrder() {
		// Boot's configurer sets the dependencies at order 0.
		return 1;
	}

}
