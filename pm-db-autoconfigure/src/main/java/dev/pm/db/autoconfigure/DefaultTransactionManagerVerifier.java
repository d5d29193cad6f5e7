package dev.pm.db.autoconfigure;

import javax.sql.DataSource;

import dev.pm.db.jdbc.SqliteDataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.support.ResourceTransactionManager;

/**
 * Fails start-up when the transaction manager that {@code @Transactional} uses by default
 * manages another {@link DataSource} than pm-db's. That happens when an application
 * defines a transaction manager for a second database: pm-db's then backs off, and a
 * rollback would silently leave the work done on pm-db's database in place.
 *
 * @author pm-db
 */
final class DefaultTransactionManagerVerifier implements SmartInitializingSingleton {

	private final SqliteDataSource dataSource;

	private final ObjectProvider<TransactionManager> transactionManagers;

	DefaultTransactionManagerVerifier(SqliteDataSource dataSource,
			ObjectProvider<TransactionManager> transactionManagers) {
		this.dataSource = dataSource;
		this.transactionManagers = transactionManagers;
	}

	@Override
	public void afterSingletonsInstantiated() {
		TransactionManager transactionManager = this.transactionManagers.getIfUnique();
		if (transactionManager instanceof ResourceTransactionManager resourceManager
				&& resourceManager.getResourceFactory() instanceof DataSource other
				&& !SqliteDataSourceUnwrapper.wraps(other, this.dataSource)) {
			throw new IllegalStateException("@Transactional methods would use transaction manager " + transactionManager
					+ " by default, which manages " + other + ", not pm-db's database " + this.dataSource.getPath()
					+ ": their work on pm-db's database would not be rolled back."
					+ " Declare the other transaction manager with @Bean(defaultCandidate = false), so that"
					+ " pm-db's stays the default, and name it where it is meant: @Transactional(\"its name\")");
		}
	}

}
