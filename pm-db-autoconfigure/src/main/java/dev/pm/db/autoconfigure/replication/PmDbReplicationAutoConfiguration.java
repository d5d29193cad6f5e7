package dev.pm.db.autoconfigure.replication;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

import javax.sql.DataSource;

import dev.pm.db.DatabaseInitializer;
import dev.pm.db.DatabaseRestore;
import dev.pm.db.autoconfigure.PmDbAutoConfiguration;
import dev.pm.db.autoconfigure.PmDbProperties;
import dev.pm.db.autoconfigure.SqliteDataSourceUnwrapper;
import dev.pm.db.jdbc.JournalMode;
import dev.pm.db.jdbc.SqliteDataSource;
import dev.pm.db.replication.ReplicaRestore;
import dev.pm.db.replication.ReplicationMetrics;
import dev.pm.db.replication.ReplicationSettings;
import dev.pm.db.replication.Replicator;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Continuous replication of pm-db's database into {@code pm.db.replication.target}, and a
 * {@link DatabaseRestore} from it.
 *
 * @author pm-db
 * @since 0.1.0
 */
@AutoConfiguration(after = PmDbAutoConfiguration.class)
@ConditionalOnBean(SqliteDataSource.class)
@ConditionalOnProperty("pm.db.replication.target")
public final class PmDbReplicationAutoConfiguration {

	// The initializer parameter makes replication begin after the start-up checks and
	// migrations.
	@Bean
	@ConditionalOnMissingBean
	Replicator replicator(DataSource dataSource, PmDbProperties properties, DatabaseInitializer databaseInitializer) {
		SqliteDataSource sqlite = SqliteDataSourceUnwrapper.unwrap(dataSource);
		PmDbProperties.Replication replication = properties.getReplication();
		Path target = Objects.requireNonNull(replication.getTarget());
		if (sqlite.getPath().isInMemory()) {
			throw new InvalidConfigurationPropertyValueException("pm.db.replication.target", target,
					"An in-memory database cannot be replicated; set pm.db.path to a file");
		}
		if (properties.getJournalMode() != JournalMode.WAL) {
			throw new InvalidConfigurationPropertyValueException("pm.db.journal-mode", properties.getJournalMode(),
					"Replication copies the write-ahead log; set pm.db.journal-mode=wal, or unset"
							+ " pm.db.replication.target");
		}
		return new Replicator(sqlite, new ReplicationSettings(target, replication.getInterval(),
				replication.getSnapshotInterval(), replication.getRetention()), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	DatabaseRestore databaseRestore(PmDbProperties properties) {
		return new ReplicaRestore(Objects.requireNonNull(properties.getReplication().getTarget()),
				properties.filePermissionSet());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class ReplicationMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReplicationMetrics replicationMetrics(Replicator replicator) {
			return new ReplicationMetrics(replicator);
		}

	}

}
