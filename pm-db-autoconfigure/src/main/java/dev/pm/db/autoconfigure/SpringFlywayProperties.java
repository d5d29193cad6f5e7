package dev.pm.db.autoconfigure;

import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Refuses {@code spring.flyway.*} properties while pm-db migrates its database: they
 * configure Spring Boot's own Flyway, which backs off for pm-db's, so they would be
 * ignored without a word.
 *
 * @author pm-db
 */
final class SpringFlywayProperties {

	private SpringFlywayProperties() {
	}

	static void rejectAny(Environment environment) {
		Map<String, String> properties = Binder.get(environment)
			.bind("spring.flyway", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of());
		if (!properties.isEmpty()) {
			String names = properties.keySet()
				.stream()
				.sorted()
				.map((name) -> "spring.flyway." + name)
				.collect(Collectors.joining(", "));
			throw new IllegalStateException(names + " configure Spring Boot's Flyway, which does not run: pm-db"
					+ " migrates its database with its own Flyway, configured by pm.db.migration.*. Remove them and"
					+ " use pm.db.migration.* (enabled, locations, expected-version), or a"
					+ " FlywayConfigurationCustomizer bean for anything else (placeholders, table...); Flyway"
					+ " Callback and JavaMigration beans are applied as they are");
		}
	}

}
