package dev.pm.db.init;

import org.flywaydb.core.api.callback.Event;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailedMigrationRecorderTests {

	private final FailedMigrationRecorder recorder = new FailedMigrationRecorder();

	@Test
	void listensOnlyToFailedMigrations() {
		assertThat(this.recorder.supports(Event.AFTER_EACH_MIGRATE_ERROR, null)).isTrue();
		assertThat(this.recorder.supports(Event.AFTER_EACH_MIGRATE, null)).isFalse();
	}

	@Test
	void mayRunInsideTheFailedMigrationsTransactionAndSaysWhoItIs() {
		assertThat(this.recorder.canHandleInTransaction(Event.AFTER_EACH_MIGRATE_ERROR, null)).isTrue();
		assertThat(this.recorder.getCallbackName()).contains("pm-db");
		assertThat(this.recorder.getFailedMigration()).isNull();
	}

}
