package dev.pm.db.autoconfigure.health;

import javax.sql.DataSource;

import dev.pm.db.autoconfigure.PmDbAutoConfiguration;
import dev.pm.db.autoconfigure.PmDbFlyway;
import dev.pm.db.autoconfigure.SqliteDataSourceUnwrapper;
import dev.pm.db.autoconfigure.replication.PmDbReplicationAutoConfiguration;
import dev.pm.db.health.PmDbHealthIndicator;
import dev.pm.db.jdbc.SqliteDataSource;
import dev.pm.db.replication.Replicator;
import org.flywaydb.core.Flyway;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * pm-db's own {@code db} health indicator, in place of Spring Boot's generic one, which
 * would wait behind a long transaction for the one connection and then report the
 * database down.
 *
 * @author pm-db
 * @since 0.1.0
 */
@AutoConfiguration(after = { PmDbAutoConfiguration.class, PmDbReplicationAutoConfiguration.class },
		beforeName = "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration")
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(SqliteDataSource.class)
@ConditionalOnEnabledHealthIndicator("db")
public final class PmDbHealthContributorAutoConfiguration {

	// Named as Spring Boot's, which then backs off: the health component stays "db".
	@Bean
	@ConditionalOnMissingBean(name = { "dbHealthIndicator", "dbHealthContributor" })
	PmDbHealthIndicator dbHealthIndicator(DataSource dataSource, ObjectProvider<PmDbFlyway> pmDbFlyway,
			ObjectProvider<Flyway> flyway, ObjectProvider<Replicator> replicator) {
		return new PmDbHealthIndicator(SqliteDataSourceUnwrapper.unwrap(dataSource),
				PmDbFlyway.configurationOf(pmDbFlyway, flyway).getTable(), replicator.getIfAvailable());
	}

}
