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

	// First: initializers detected later depend on earlier ones, so Spring Batch, Spring
	// Session, spring.sql.init scripts and Liquibase find the file created private,
	// checked and migrated. The Flyway bean that Boot's Flyway detector reports is the
	// one pm-db's initializer runs: FlywayBeanOrder keeps it from waiting for it.
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
