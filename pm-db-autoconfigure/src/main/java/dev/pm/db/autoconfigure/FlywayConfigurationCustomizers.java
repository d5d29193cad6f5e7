package dev.pm.db.autoconfigure;

import org.flywaydb.core.api.configuration.FluentConfiguration;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.util.ClassUtils;

/**
 * Applies the application's {@link FlywayConfigurationCustomizer} beans to pm-db's
 * Flyway, as Spring Boot's Flyway auto-configuration does to its own, when
 * spring-boot-flyway (which declares the interface) is present.
 *
 * @author pm-db
 */
final class FlywayConfigurationCustomizers {

	private static final String CUSTOMIZER = "org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer";

	private FlywayConfigurationCustomizers() {
	}

	static void apply(FluentConfiguration configuration, ListableBeanFactory beanFactory) {
		if (ClassUtils.isPresent(CUSTOMIZER, configuration.getClassLoader())) {
			Present.apply(configuration, beanFactory);
		}
	}

	// Loaded only when the interface is there.
	private static final class Present {

		static void apply(FluentConfiguration configuration, ListableBeanFactory beanFactory) {
			beanFactory.getBeanProvider(FlywayConfigurationCustomizer.class)
				.orderedStream()
				.forEach((customizer) -> customizer.customize(configuration));
		}

	}

}
