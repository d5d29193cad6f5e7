package dev.pm.db.init;

import java.time.Instant;
import java.util.Optional;

import org.flywaydb.core.api.MigrationVersion;
import org.jspecify.annotations.Nullable;

/**
 * What pm-db records of a file it closed cleanly: when an integrity check last ran on it,
 * which check, and the schema the application left it with.
 *
 * @param checked when the check last ran
 * @param check which check it was
 * @param schema the schema version and the {@linkplain MigrationsFingerprint fingerprint
 * of the migrations} that decided it, {@code null} when not known
 * @author pm-db
 */
record CleanClose(Instant checked, IntegrityCheck check, @Nullable Schema schema) {

	/**
	 * Return when the check last ran, if it covers the check the configuration asks for.
	 * @param required the check the configuration asks for
	 * @return the time of the last check, or empty when the file must be checked
	 */
	Optional<Instant> checkedCovering(IntegrityCheck required) {
		return this.check.covers(required) ? Optional.of(this.checked) : Optional.empty();
	}

	/**
	 * The schema version a file was left with, and the fingerprint of the migrations that
	 * decided it.
	 *
	 * @param version the latest version applied
	 * @param migrations the fingerprint of the application's migrations
	 */
	record Schema(String version, String migrations) {

		/**
		 * Return whether this is the schema of a file whose latest applied version is
		 * {@code latestApplied}, decided by migrations with the fingerprint
		 * {@code migrations}.
		 * @param latestApplied the version applied last, {@code null} for none
		 * @param migrations the fingerprint of the migrations now
		 * @return {@code true} if the decision of then holds now
		 */
		boolean matches(@Nullable MigrationVersion latestApplied, String migrations) {
			return latestApplied != null && this.version.equals(latestApplied.getVersion())
					&& this.migrations.equals(migrations);
		}

	}

}
