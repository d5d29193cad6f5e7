package dev.pm.db.init;

import org.flywaydb.core.api.callback.BaseCallback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.jspecify.annotations.Nullable;

/**
 * A Flyway callback that remembers which migration failed, so start-up can name it:
 * Flyway's exception says so only through internal types.
 *
 * @author pm-db
 */
class FailedMigrationRecorder extends BaseCallback {

	private @Nullable String failedMigration;

	@Override
	public boolean supports(Event event, @Nullable Context context) {
		return event == Event.AFTER_EACH_MIGRATE_ERROR;
	}

	@Override
	public void handle(Event event, Context context) {
		this.failedMigration = context.getMigrationInfo().getScript();
	}

	/**
	 * Return the script of the migration that failed.
	 * @return the script, or {@code null} if no migration failed
	 */
	public @Nullable String getFailedMigration() {
		return this.failedMigration;
	}

}
