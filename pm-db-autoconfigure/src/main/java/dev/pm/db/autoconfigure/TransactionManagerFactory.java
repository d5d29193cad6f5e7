package dev.pm.db.autoconfigure;

import javax.sql.DataSource;

import dev.pm.db.jdbc.SqliteDataSource;
import dev.pm.db.jdbc.SqliteExceptionTranslator;
import dev.pm.db.jdbc.SqliteTransactionManager;
import dev.pm.db.jpa.SqliteJpaTransactionManager;
import jakarta.persistence.EntityManagerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.ClassUtils;

/**
 * Makes pm-db's transaction manager: a {@link SqliteJpaTransactionManager} when the
 * application has an {@code EntityManagerFactory}, so that the {@code EntityManager}
 * joins the transactions of the JDBC templates, and a {@link SqliteTransactionManager}
 * otherwise.
 * <p>
 * The choice is made when the bean is created, because the {@code EntityManagerFactory}
 * is defined by Spring Boot's Hibernate auto-configuration, after pm-db's, which must
 * define the transaction manager first for Boot's plain {@code JpaTransactionManager} to
 * back off.
 *
 * @author pm-db
 */
final class TransactionManagerFactory {

	private static final String ENTITY_MANAGER_FACTORY = "jakarta.persistence.EntityManagerFactory";

	private static final String JPA_TRANSACTION_MANAGER = "org.springframework.orm.jpa.JpaTransactionManager";

	private static final String CUSTOMIZERS = "org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers";

	private TransactionManagerFactory() {
	}

	static PlatformTransactionManager create(DataSource dataSource, SqliteExceptionTranslator exceptionTranslator,
			ListableBeanFactory beanFactory, ClassLoader classLoader) {
		PlatformTransactionManager transactionManager = (isPresent(classLoader, ENTITY_MANAGER_FACTORY,
				JPA_TRANSACTION_MANAGER) && Jpa.hasEntityManagerFactory(beanFactory))
						? Jpa.create(SqliteDataSourceUnwrapper.unwrap(dataSource))
						: new SqliteTransactionManager(dataSource, exceptionTranslator);
		if (isPresent(classLoader, CUSTOMIZERS)) {
			Customizers.apply(transactionManager, beanFactory);
		}
		return transactionManager;
	}

	private static boolean isPresent(ClassLoader classLoader, String... classNames) {
		for (String className : classNames) {
			if (!ClassUtils.isPresent(className, classLoader)) {
				return false;
			}
		}
		return true;
	}

	// Loaded only when JPA is there.
	private static final class Jpa {

		static boolean hasEntityManagerFactory(ListableBeanFactory beanFactory) {
			return beanFactory.getBeanNamesForType(EntityManagerFactory.class, true, false).length > 0;
		}

		static SqliteJpaTransactionManager create(SqliteDataSource dataSource) {
			return new SqliteJpaTransactionManager(dataSource);
		}

	}

	// Loaded only when spring-boot-transaction is there: spring.transaction.* and
	// TransactionManagerCustomizer beans apply as to Boot's own transaction managers.
	private static final class Customizers {

		static void apply(PlatformTransactionManager transactionManager, ListableBeanFactory beanFactory) {
			beanFactory.getBeanProvider(TransactionManagerCustomizers.class)
				.ifAvailable((customizers) -> customizers.customize(transactionManager));
		}

	}

}
