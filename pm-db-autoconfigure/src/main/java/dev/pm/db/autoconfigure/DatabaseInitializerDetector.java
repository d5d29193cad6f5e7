package dev.pm.db.autoconfigure;

import java.util.Set;

import dev.pm.db.DatabaseInitializer;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.core.Ordered;

/**
 * Tells Spring Boot that {@link DatabaseInitializer} beans initialize the database, so
 * every bean that depends on database initialization waits for them.
 *
 * @author pm-db
 */
class DatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return Set.of(DatabaseInitializer.class);
	}

	// Last: initializers detected later depend on earlier ones, and ours needs the Flyway
	// bean that Boot's Flyway detector reports when spring-boot-flyway is present.
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
