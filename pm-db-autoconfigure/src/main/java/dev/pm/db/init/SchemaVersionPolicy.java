package dev.pm.db.init;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.pm.db.ForeignDatabaseException;
import dev.pm.db.SchemaVersionMismatchException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.jspecify.annotations.Nullable;

/**
 * Decides, from Flyway's view of the schema history, whether the database may be used as
 * it is, must be migrated, or must be refused. Flyway alone only warns about a database
 * that is newer than the application; pm-db refuses it before anything changes.
 *
 * @author pm-db
 */
class SchemaVersionPolicy {

	private final boolean migrationEnabled;

	private final @Nullable String expectedVersion;

	/**
	 * Create a policy.
	 * @param migrationEnabled whether an older database may be migrated
	 * @param expectedVersion the schema version the application requires, or {@code null}
	 * for the latest migration found
	 */
	public SchemaVersionPolicy(boolean migrationEnabled, @Nullable String expectedVersion) {
		this.migrationEnabled = migrationEnabled;
		this.expectedVersion = expectedVersion;
	}

	/**
	 * Decide what to do with a database.
	 * @param info Flyway's view of the database's schema history and the known migrations
	 * @param path the database file, for messages
	 * @return the version found and, when the database is older, the version to migrate
	 * to
	 * @throws SchemaVersionMismatchException if the database must not be used
	 */
	public Decision decide(MigrationInfoService info, @Nullable Path path) {
		List<MigrationInfo> all = Arrays.asList(info.all());
		List<MigrationVersion> known = known(info);
		MigrationInfo current = info.current();
		MigrationVersion found = (current != null) ? current.getVersion() : null;
		MigrationVersion expected = expected(known);
		Mismatch mismatch = new Mismatch(path, found, expected);
		if (this.expectedVersion != null && !known.contains(expected)) {
			throw mismatch.because("no migration in pm.db.migration.locations has the version that"
					+ " pm.db.migration.expected-version names");
		}
		Optional<MigrationInfo> unknown = all.stream()
			.filter((migration) -> migration.getVersion() != null && migration.getState().isApplied()
					&& !migration.getState().isResolved())
			.findFirst();
		if (unknown.isPresent()) {
			throw mismatch.because("the database was migrated to version " + unknown.get().getVersion()
					+ " by an application that knows migrations this one does not; it was left unchanged."
					+ " Run the newer application, or restore a backup made for this version");
		}
		if (expected == null || (found != null && found.compareTo(expected) == 0)) {
			return new Decision(found, null);
		}
		if (found != null && found.isNewerThan(expected.getVersion())) {
			throw mismatch.because("the database is newer than this application; it was left unchanged."
					+ " Run the newer application, or restore a backup made for this version");
		}
		if (!this.migrationEnabled) {
			throw mismatch.because("the database is older and pm.db.migration.enabled is false;"
					+ " enable migration to bring it up to date");
		}
		return new Decision(found, expected);
	}

	/**
	 * Refuse a database that has tables but no schema history: another application's, or
	 * one made by hand, while this application has migrations. Call it only when Flyway
	 * is not configured to baseline such a database.
	 * @param info Flyway's view of the database's schema history and the known migrations
	 * @param hasTables whether the database has any table or view
	 * @param historyTable the name of Flyway's history table, for messages
	 * @param path the database file, for messages
	 * @throws ForeignDatabaseException if the database has tables but no schema history
	 */
	public void requireOwnSchema(MigrationInfoService info, boolean hasTables, String historyTable,
			@Nullable Path path) {
		MigrationVersion expected = expected(known(info));
		// An application without migrations manages its schema itself: any tables are its
		// own.
		if (hasTables && expected != null && info.applied().length == 0) {
			throw new ForeignDatabaseException(path, expected.getVersion(), historyTable);
		}
	}

	private static List<MigrationVersion> known(MigrationInfoService info) {
		return Arrays.stream(info.all())
			.filter((migration) -> migration.getVersion() != null && migration.getState().isResolved())
			.map(MigrationInfo::getVersion)
			.toList();
	}

	private @Nullable MigrationVersion expected(List<MigrationVersion> known) {
		return (this.expectedVersion != null) ? MigrationVersion.fromVersion(this.expectedVersion)
				: known.stream().max(Comparator.naturalOrder()).orElse(null);
	}

	/**
	 * Refuse a database that another application migrated past this one's version after
	 * {@link #decide} looked at it (two versions of an application starting at once).
	 * @param decision what was decided
	 * @param now the latest version applied now
	 * @param path the database file, for messages
	 * @throws SchemaVersionMismatchException if the database is now newer than the
	 * decision
	 */
	public void requireUnchangedSince(Decision decision, @Nullable MigrationVersion now, @Nullable Path path) {
		MigrationVersion decided = (decision.migrateTo() != null) ? decision.migrateTo() : decision.found();
		if (now != null && decided != null && now.isNewerThan(decided.getVersion())) {
			throw new Mismatch(path, now, decided).because("another application migrated the database to version " + now
					+ " while this one started; it is newer than this application, which left it unchanged."
					+ " Run the newer application");
		}
	}

	/**
	 * Return the settings of this policy, which decide with the migrations: the
	 * {@linkplain MigrationsFingerprint fingerprint of the migrations} includes them.
	 * @return the settings, in words
	 */
	@Override
	public String toString() {
		return "migration " + (this.migrationEnabled ? "enabled" : "disabled") + ", expected version "
				+ ((this.expectedVersion != null) ? this.expectedVersion : "the latest");
	}

	/**
	 * What to do with a database that may be used.
	 *
	 * @param found the schema version found, or {@code null} for none
	 * @param migrateTo the version to migrate to, or {@code null} when the database is up
	 * to date
	 */
	public record Decision(@Nullable MigrationVersion found, @Nullable MigrationVersion migrateTo) {

		/**
		 * Return the schema version the database has once the decision is carried out.
		 * @return the version, or empty for a database without migrations
		 */
		public Optional<String> resultingVersion() {
			MigrationVersion version = (this.migrateTo != null) ? this.migrateTo : this.found;
			return Optional.ofNullable(version).map(MigrationVersion::getVersion);
		}

	}

	private record Mismatch(@Nullable Path path, @Nullable MigrationVersion found,
			@Nullable MigrationVersion expected) {

		SchemaVersionMismatchException because(String reason) {
			return new SchemaVersionMismatchException(this.path, version(this.found), version(this.expected), reason);
		}

		private static @Nullable String version(@Nullable MigrationVersion version) {
			return (version != null) ? version.getVersion() : null;
		}

	}

}
