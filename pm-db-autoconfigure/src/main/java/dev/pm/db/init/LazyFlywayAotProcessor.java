package dev.pm.db.init;

import java.util.Objects;

import dev.pm.db.DatabaseInitializer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Generates the proxy class of {@link LazyFlyway} while Spring processes an application
 * that has pm-db's database initializers ahead of time: Spring keeps the classes
 * generated then, and the application loads that one instead of generating it at every
 * start.
 *
 * @author pm-db
 */
class LazyFlywayAotProcessor implements BeanFactoryInitializationAotProcessor {

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		if (beanFactory.getBeanNamesForType(DatabaseInitializer.class, true, false).length > 0) {
			// A bean factory's class loader is the default one unless set.
			LazyFlyway.proxyClass(Objects.requireNonNull(beanFactory.getBeanClassLoader()));
		}
		return null;
	}

}
