package dev.pm.db.init;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import dev.pm.db.DatabaseException;
import dev.pm.db.DatabaseInitializer;
import dev.pm.db.DatabaseMigrationException;
import dev.pm.db.DatabasePath;
import dev.pm.db.init.SchemaVersionPolicy.Decision;
import dev.pm.db.jdbc.PragmaApplier;
import dev.pm.db.jdbc.SqliteDataSource;
import dev.pm.db.support.IntegrityChecker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The start-up sequence of pm-db's design, on the database of a {@link SqliteDataSource}
 * migrated by Flyway.
 * <p>
 * Everything that decides whether the file may be used runs on a read-only connection of
 * its own, before the first write (even switching to WAL writes to the file).
 *
 * @author pm-db
 * @since 0.1.0
 */
public final class SqliteDatabaseInitializer extends DatabaseInitializer {

	private static final Log logger = LogFactory.getLog(SqliteDatabaseInitializer.class);

	private final SqliteDataSource dataSource;

	private final PragmaApplier pragmas;

	private final Configuration flywayConfiguration;

	private final IntegrityCheck integrityCheck;

	private boolean createIfMissing = true;

	private Set<PosixFilePermission> filePermissions = PosixFilePermissions.fromString("rw-------");

	private boolean migrationEnabled = true;

	private @Nullable String expectedVersion;

	private Duration integrityCheckInterval = Duration.ofDays(7);

	/**
	 * Create the initializer of a data source's database.
	 * @param dataSource the application's data source
	 * @param pragmas the PRAGMAs of the data source, verified again once migrations ran
	 * (a migration may change one, and it would stick on the shared connection)
	 * @param flywayConfiguration the configuration of Flyway with the application's
	 * migrations on {@code dataSource}; a Flyway is made from it only if the start needs
	 * one (making one costs a tenth of a small application's start, and a database
	 * unchanged since its clean close needs none)
	 * @param integrityCheck the check to run at start-up
	 */
	public SqliteDatabaseInitializer(SqliteDataSource dataSource, PragmaApplier pragmas,
			Configuration flywayConfiguration, IntegrityCheck integrityCheck) {
		super(new DefaultSqliteDatabase(dataSource, flywayConfiguration, integrityCheck));
		this.dataSource = dataSource;
		this.pragmas = pragmas;
		this.flywayConfiguration = flywayConfiguration;
		this.integrityCheck = integrityCheck;
	}

	/**
	 * Set whether a missing database file is created, rather than refused.
	 * @param createIfMissing {@code false} to refuse a missing file
	 */
	public void setCreateIfMissing(boolean createIfMissing) {
		this.createIfMissing = createIfMissing;
	}

	/**
	 * Set the POSIX permissions of the database and its companion files.
	 * @param filePermissions the permissions; ignored without POSIX
	 */
	public void setFilePermissions(Set<PosixFilePermission> filePermissions) {
		this.filePermissions = Set.copyOf(filePermissions);
	}

	/**
	 * Set whether an older database is migrated, rather than refused.
	 * @param migrationEnabled {@code false} to refuse an older schema
	 */
	public void setMigrationEnabled(boolean migrationEnabled) {
		this.migrationEnabled = migrationEnabled;
	}

	/**
	 * Set the schema version the application requires.
	 * @param expectedVersion the version, or {@code null} for the latest migration found
	 */
	public void setExpectedVersion(@Nullable String expectedVersion) {
		this.expectedVersion = expectedVersion;
	}

	/**
	 * Set how long a file that this starter closed cleanly, and nobody changed since, may
	 * go without the configured integrity check at start-up.
	 * @param integrityCheckInterval the longest time between two checks of such a file
	 */
	public void setIntegrityCheckInterval(Duration integrityCheckInterval) {
		this.integrityCheckInterval = integrityCheckInterval;
	}

	@Override
	public void afterPropertiesSet() throws SQLException {
		long start = System.nanoTime();
		DatabasePath path = this.dataSource.getPath();
		FileSteps files = path.isInMemory() ? FileSteps.NONE
				: new DatabaseFiles(path.getFile(), this.createIfMissing, this.filePermissions);
		SchemaVersionPolicy policy = new SchemaVersionPolicy(this.migrationEnabled, this.expectedVersion);
		files.prepare();
		// Read before any connection opens: even a read-only one touches the -wal.
		Optional<CleanClose> cleanClose = files.takeCleanCloseRecord();
		Inspection inspection = inspect(cleanClose, policy);
		files.tightenPermissions();
		migrate(inspection.decision());
		SharedConnection shared = verifySharedConnection(inspection.decision(), policy);
		recordCleanCloseWhenClosed(files, inspection, shared.latestApplied());
		logger.info(
				"Database " + path + " ready: schema version " + inspection.decision().resultingVersion().orElse("none")
						+ (inspection.asAtCleanClose() ? " (as at its clean close)" : "") + ", journal mode "
						+ shared.pragmas().getOrDefault("journal_mode", "as SQLite's default") + ", integrity "
						+ inspection.integrity().description() + ", " + this.dataSource.describeReaders() + ", "
						+ (System.nanoTime() - start) / 1_000_000 + " ms");
	}

	private Inspection inspect(Optional<CleanClose> cleanClose, SchemaVersionPolicy policy) {
		try {
			try {
				return inspectOnce(cleanClose, policy);
			}
			catch (SQLiteException ex) {
				if (!HotJournal.isReason(ex)) {
					throw ex;
				}
			}
			HotJournal.rollBack(this.dataSource.getDriver());
			return inspectOnce(cleanClose, policy);
		}
		catch (SQLException ex) {
			throw new DatabaseException(getFile(), "Cannot read database " + this.dataSource.getPath()
					+ " to check it before use; it was left unchanged: " + ex.getMessage() + HotJournal.hintFor(ex),
					ex);
		}
	}

	private Inspection inspectOnce(Optional<CleanClose> cleanClose, SchemaVersionPolicy policy) throws SQLException {
		try (Connection connection = openInspectionConnection()) {
			requireDatabase(connection);
			Integrity integrity = checkIntegrityUnlessUnchanged(connection,
					cleanClose.flatMap((record) -> record.checkedCovering(this.integrityCheck)));
			// The schema is recorded with the clean close of a file that was checked; an
			// in-memory database has no file and is new at every start.
			String migrations = (getFile() != null && integrity.checked() != null)
					? MigrationsFingerprint.of(this.flywayConfiguration, policy.toString()).orElse(null) : null;
			Optional<Decision> unchanged = decisionOfCleanClose(connection, cleanClose, migrations);
			return new Inspection(integrity,
					unchanged.isPresent() ? unchanged.get() : decideWithFlyway(connection, policy), migrations,
					unchanged.isPresent());
		}
	}

	private Decision decideWithFlyway(Connection connection, SchemaVersionPolicy policy) throws SQLException {
		// The tables before the history: another process creating this database right now
		// commits Flyway's history table before any migration's tables, and each
		// migration's tables together with its row. Read the other way round, its first
		// migration, committed between the two reads, looked like a foreign schema. A
		// baseline adopts whatever is there: then nothing needs the tables.
		boolean ownSchemaRequired = !this.flywayConfiguration.isBaselineOnMigrate();
		String table = this.flywayConfiguration.getTable();
		boolean hasTables = ownSchemaRequired && SchemaHistory.hasTables(connection, table);
		MigrationInfoService history = schemaHistory(connection);
		if (ownSchemaRequired) {
			// Another application's database must not get this one's journal mode,
			// permissions or tables.
			policy.requireOwnSchema(history, hasTables, table, getFile());
		}
		return policy.decide(history, getFile());
	}

	// A file unchanged since its clean close, with the same migrations and policy, gets
	// the decision of the start before: nothing it was made of has changed. Flyway would
	// scan, parse and compare every migration again to find that out.
	private Optional<Decision> decisionOfCleanClose(Connection connection, Optional<CleanClose> cleanClose,
			@Nullable String migrations) throws SQLException {
		CleanClose.Schema schema = cleanClose.map(CleanClose::schema).orElse(null);
		if (schema == null || migrations == null) {
			return Optional.empty();
		}
		MigrationVersion latest = SchemaHistory.latestApplied(connection, this.flywayConfiguration.getTable());
		return schema.matches(latest, migrations) ? Optional.of(new Decision(latest, null)) : Optional.empty();
	}

	// An in-memory database exists only on the shared connection, and has no file to
	// protect.
	private Connection openInspectionConnection() throws SQLException {
		return this.dataSource.getPath().isInMemory() ? this.dataSource.getConnection()
				: this.dataSource.getDriver().openReadOnly();
	}

	private void requireDatabase(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.executeQuery("PRAGMA schema_version").close();
		}
		catch (SQLiteException ex) {
			if (ex.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB) {
				throw new DatabaseException(getFile(), "Database file " + this.dataSource.getPath()
						+ " is not an SQLite database; it was left unchanged. Point pm.db.path to a database file,"
						+ " or to a path that does not exist yet", ex);
			}
			throw ex;
		}
	}

	// A file this starter closed cleanly, that nobody changed since and that was checked
	// recently, needs no scan: its cost grows with the file, and a CLI starts on every
	// command.
	private Integrity checkIntegrityUnlessUnchanged(Connection connection, Optional<Instant> cleanlyClosedChecked)
			throws SQLException {
		if (this.integrityCheck == IntegrityCheck.NONE) {
			return new Integrity(null, "not checked");
		}
		Instant now = Instant.now();
		if (cleanlyClosedChecked.isPresent()
				&& cleanlyClosedChecked.get().plus(this.integrityCheckInterval).isAfter(now)) {
			return new Integrity(cleanlyClosedChecked.get(),
					"unchanged since its clean close (last checked " + cleanlyClosedChecked.get() + ")");
		}
		IntegrityChecker.requireSound(connection, this.integrityCheck == IntegrityCheck.QUICK, getFile());
		return new Integrity(now, "ok");
	}

	private MigrationInfoService schemaHistory(Connection readOnly) {
		return copyOfFlyway().dataSource(new SingleConnectionDataSource(readOnly, true)).load().info();
	}

	// The application's Flyway, to be adjusted for one use without changing the bean.
	private FluentConfiguration copyOfFlyway() {
		return Flyway.configure(this.flywayConfiguration.getClassLoader()).configuration(this.flywayConfiguration);
	}

	private void migrate(Decision decision) {
		MigrationVersion target = decision.migrateTo();
		if (target == null) {
			return;
		}
		FailedMigrationRecorder recorder = new FailedMigrationRecorder();
		Callback[] callbacks = Stream
			.concat(Arrays.stream(this.flywayConfiguration.getCallbacks()), Stream.of(recorder))
			.toArray(Callback[]::new);
		try {
			copyOfFlyway().target(target).callbacks(callbacks).load().migrate();
		}
		catch (FlywayException ex) {
			throw new DatabaseMigrationException(getFile(), recorder.getFailedMigration(),
					getDatabase().getSchemaVersion().orElse(null), ex);
		}
	}

	// The PRAGMAs again: opening the shared connection verified them, but a migration may
	// have changed one since (PRAGMA foreign_keys = OFF; Flyway runs it outside a
	// transaction, so it sticks). And the version again: the decision was made before the
	// write lock, and another application may have migrated since.
	private SharedConnection verifySharedConnection(Decision decision, SchemaVersionPolicy policy) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			Map<String, String> pragmas = this.pragmas.apply(connection);
			MigrationVersion latest = SchemaHistory.latestApplied(connection, this.flywayConfiguration.getTable());
			policy.requireUnchangedSince(decision, latest, getFile());
			return new SharedConnection(pragmas, latest);
		}
	}

	// A file never checked gets no record: its next start would skip a check nobody
	// made. The schema is the one this start leaves; a file another process changes
	// meanwhile does not match the record, which is then of no use.
	private void recordCleanCloseWhenClosed(FileSteps files, Inspection inspection,
			@Nullable MigrationVersion latestApplied) {
		Instant checked = inspection.integrity().checked();
		if (checked != null) {
			String migrations = inspection.migrations();
			CleanClose.Schema schema = (migrations != null && latestApplied != null)
					? new CleanClose.Schema(latestApplied.getVersion(), migrations) : null;
			this.dataSource.setCleanCloseListener(
					() -> files.recordCleanClose(new CleanClose(checked, this.integrityCheck, schema)));
		}
	}

	private @Nullable Path getFile() {
		return this.dataSource.getPath().getFile();
	}

	/**
	 * How the integrity check went.
	 *
	 * @param checked when the configured check last ran on the file, {@code null} if it
	 * never runs
	 * @param description what the log says of it
	 */
	private record Integrity(@Nullable Instant checked, String description) {
	}

	/**
	 * What the checks on the read-only connection found.
	 *
	 * @param integrity how the integrity check went
	 * @param decision what to do with the schema version found
	 * @param migrations the fingerprint of the application's migrations, {@code null}
	 * when they have none or no record of a clean close will be written
	 * @param asAtCleanClose whether the decision is the one recorded at the clean close
	 */
	private record Inspection(Integrity integrity, Decision decision, @Nullable String migrations,
			boolean asAtCleanClose) {
	}

	/**
	 * What the shared connection found once it was ready.
	 *
	 * @param pragmas the PRAGMAs as read back
	 * @param latestApplied the latest version applied to the database
	 */
	private record SharedConnection(Map<String, String> pragmas, @Nullable MigrationVersion latestApplied) {
	}

}
