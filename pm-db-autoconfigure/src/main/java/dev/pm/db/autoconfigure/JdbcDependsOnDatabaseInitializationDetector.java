package dev.pm.db.autoconfigure;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Makes the beans through which an application reaches the database wait for database
 * initialization, whether or not spring-boot-jdbc (which covers the templates) is
 * present.
 *
 * @author pm-db
 */
class JdbcDependsOnDatabaseInitializationDetector extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

	@Override
	protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
		return Set.of(JdbcOperations.class, NamedParameterJdbcOperations.class, JdbcClient.class,
				PlatformTransactionManager.class, TransactionOperations.class);
	}

}
