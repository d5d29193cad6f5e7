package dev.pm.db.autoconfigure;

import java.time.Duration;
import java.util.List;

import dev.pm.db.init.IntegrityCheck;
import dev.pm.db.jdbc.JournalMode;
import dev.pm.db.jdbc.Synchronous;
import dev.pm.db.jdbc.TransactionMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PmDbPropertiesTests {

	@Test
	void defaultsAreTheOnesTheDesignPromises() {
		PmDbProperties properties = new PmDbProperties();
		assertThat(properties.getPath()).isEqualTo("pm.db");
		assertThat(properties.isCreateIfMissing()).isTrue();
		assertThat(properties.getBusyTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(properties.getJournalMode()).isEqualTo(JournalMode.WAL);
		assertThat(properties.getSynchronous()).isEqualTo(Synchronous.FULL);
		assertThat(properties.isForeignKeys()).isTrue();
		assertThat(properties.getTransactionMode()).isEqualTo(TransactionMode.IMMEDIATE);
		assertThat(properties.getPragmas()).isEmpty();
		assertThat(properties.getStatementCacheSize()).isEqualTo(64);
		assertThat(properties.getFilePermissions()).isEqualTo("rw-------");
		assertThat(properties.isAllowSharedFilePermissions()).isFalse();
		assertThat(properties.isAllowUnsafeJournalMode()).isFalse();
		assertThat(properties.getShutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.getIntegrityCheck()).isEqualTo(IntegrityCheck.FULL);
		assertThat(properties.getIntegrityCheckInterval()).isEqualTo(Duration.ofDays(7));
		assertThat(properties.getMigration().isEnabled()).isTrue();
		assertThat(properties.getMigration().getLocations()).isEqualTo(List.of("classpath:db/migration"));
		assertThat(properties.getMigration().getExpectedVersion()).isNull();
		assertThat(properties.getMigration().isBaselineOnMigrate()).isFalse();
		assertThat(properties.getLease().getLeakWarning()).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.getMigration().getBaselineVersion()).isEqualTo("1");
	}

}
