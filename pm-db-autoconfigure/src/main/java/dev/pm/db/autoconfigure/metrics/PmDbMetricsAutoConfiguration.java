package dev.pm.db.autoconfigure.metrics;

import javax.sql.DataSource;

import dev.pm.db.autoconfigure.PmDbAutoConfiguration;
import dev.pm.db.autoconfigure.SqliteDataSourceUnwrapper;
import dev.pm.db.jdbc.SqliteDataSource;
import dev.pm.db.metrics.PmDbMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.ConfigurableTransactionManager;

/**
 * pm-db's meters, bound to the application's meter registries by Spring Boot.
 *
 * @author pm-db
 * @since 0.1.0
 */
@AutoConfiguration(after = PmDbAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(SqliteDataSource.class)
public final class PmDbMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PmDbMetrics pmDbMetrics(DataSource dataSource, ObjectProvider<ConfigurableTransactionManager> transactionManager) {
		return new PmDbMetrics(SqliteDataSourceUnwrapper.unwrap(dataSource), transactionManager.getIfUnique());
	}

}
