package dev.pm.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

import dev.pm.db.init.DatabaseFiles;
import dev.pm.db.init.FailedMigrationRecorder;
import dev.pm.db.init.HotJournal;
import dev.pm.db.init.IntegrityCheck;
import dev.pm.db.init.IntegrityChecker;
import dev.pm.db.init.SchemaHistory;
import dev.pm.db.init.SchemaVersionPolicy;
import dev.pm.db.init.SchemaVersionPolicy.Decision;
import dev.pm.db.jdbc.SqliteDataSource;
import dev.pm.db.jdbc.SqliteExceptionTranslator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Makes the database safe to use before any other bean touches it: refuses a path that is
 * not a database, a corrupted database or one from a newer application, leaving the file
 * untouched; creates a missing one with tight permissions; migrates an older one; and
 * checks that every PRAGMA took.
 * <p>
 * Everything that decides whether the file may be used runs on a read-only connection,
 * before the first write (even switching to WAL writes to the file).
 *
 * @author pm-db
 */
public class DatabaseInitializer implements InitializingBean {

	private static final Log logger = LogFactory.getLog(DatabaseInitializer.class);

	private final SqliteDataSource dataSource;

	private final @Nullable DatabaseFiles files;

	private final Flyway flyway;

	private final SchemaVersionPolicy schemaVersionPolicy;

	private final IntegrityCheck integrityCheck;

	private Duration integrityCheckInterval = Duration.ofDays(7);

	// When the configured integrity check last ran on the file, to record at a clean
	// close.
	private @Nullable Instant lastChecked;

	// How the start-up check went, for the log line.
	private String integrity = "not checked";

	// When the check last ran on a file that is as a clean close left it; read before any
	// connection opens (a read-only one touches the -wal).
	private Optional<Instant> cleanlyClosedChecked = Optional.empty();

	/**
	 * Create an initializer.
	 * @param dataSource the application's data source
	 * @param files the database's files, or {@code null} for an in-memory database
	 * @param flyway Flyway, configured with the application's migrations on
	 * {@code dataSource}
	 * @param schemaVersionPolicy what to do with the schema version found
	 * @param integrityCheck the check to run at start-up
	 */
	public DatabaseInitializer(SqliteDataSource dataSource, @Nullable DatabaseFiles files, Flyway flyway,
			SchemaVersionPolicy schemaVersionPolicy, IntegrityCheck integrityCheck) {
		this.dataSource = dataSource;
		this.files = files;
		this.flyway = flyway;
		this.schemaVersionPolicy = schemaVersionPolicy;
		this.integrityCheck = integrityCheck;
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
		if (this.files != null) {
			this.files.prepare();
			this.cleanlyClosedChecked = this.files.takeCleanCloseRecord();
		}
		Decision decision = inspect();
		if (this.files != null) {
			this.files.tightenPermissions();
		}
		if (decision.migrateTo() != null) {
			migrate(decision.migrateTo());
			// A migration may change a PRAGMA (PRAGMA foreign_keys = OFF; Flyway runs it
			// outside a
			// transaction), and it would stick on the shared connection.
			this.dataSource.reapplyPragmas();
		}
		// Opening the connection (if no migration did) also fails start-up if a PRAGMA
		// does not take.
		requireUnchangedVersion(decision);
		if (this.files != null && this.lastChecked != null) {
			DatabaseFiles closed = this.files;
			Instant checked = this.lastChecked;
			this.dataSource.setCleanCloseListener(() -> closed.recordCleanClose(checked));
		}
		logger.info("Database " + this.dataSource.getPath() + " ready: schema version "
				+ decision.resultingVersion().orElse("none") + ", journal mode " + readJournalMode() + ", integrity "
				+ this.integrity + ", " + (System.nanoTime() - start) / 1_000_000 + " ms");
	}

	// The decision was made before the write lock: another application may have migrated
	// since.
	private void requireUnchangedVersion(Decision decision) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			this.schemaVersionPolicy.requireUnchangedSince(decision,
					SchemaHistory.latestApplied(connection, this.flyway.getConfiguration().getTable()), getPath());
		}
	}

	private Decision inspect() {
		try {
			try {
				return check();
			}
			catch (SQLiteException ex) {
				if (!HotJournal.isReason(ex)) {
					throw ex;
				}
			}
			HotJournal.rollBack(this.dataSource);
			return check();
		}
		catch (SQLException ex) {
			throw new DatabaseException(getPath(), "Cannot read database " + this.dataSource.getPath()
					+ " to check it before use; it was left unchanged: " + ex.getMessage() + HotJournal.hintFor(ex),
					ex);
		}
	}

	private Decision check() throws SQLException {
		try (Connection connection = this.dataSource.openInspectionConnection()) {
			requireDatabase(connection);
			checkIntegrityUnlessUnchanged(connection);
			MigrationInfoService history = schemaHistory(connection);
			requireOwnSchema(connection, history);
			return this.schemaVersionPolicy.decide(history, getPath());
		}
	}

	// A file this starter closed cleanly, that nobody changed since and that was checked
	// recently, needs no scan: its cost grows with the file, and a CLI starts on every
	// command.
	private void checkIntegrityUnlessUnchanged(Connection connection) throws SQLException {
		if (this.integrityCheck == IntegrityCheck.NONE) {
			return;
		}
		Instant now = Instant.now();
		Optional<Instant> checked = this.cleanlyClosedChecked;
		if (checked.isPresent() && checked.get().plus(this.integrityCheckInterval).isAfter(now)) {
			this.lastChecked = checked.get();
			this.integrity = "unchanged since its clean close (last checked " + checked.get() + ")";
			return;
		}
		IntegrityChecker.requireSound(connection, this.integrityCheck == IntegrityCheck.QUICK, getPath());
		this.lastChecked = now;
		this.integrity = "ok";
	}

	// Another application's database must not get this one's journal mode, permissions or
	// tables.
	private void requireOwnSchema(Connection connection, MigrationInfoService history) throws SQLException {
		if (!this.flyway.getConfiguration().isBaselineOnMigrate()) {
			String table = this.flyway.getConfiguration().getTable();
			this.schemaVersionPolicy.requireOwnSchema(history, SchemaHistory.hasTables(connection, table), table,
					getPath());
		}
	}

	private void requireDatabase(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.executeQuery("PRAGMA schema_version").close();
		}
		catch (SQLiteException ex) {
			if (ex.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB) {
				throw new DatabaseException(getPath(), "Database file " + this.dataSource.getPath()
						+ " is not an SQLite database; it was left unchanged. Point pm.db.path to a database file,"
						+ " or to a path that does not exist yet", ex);
			}
			throw ex;
		}
	}

	private MigrationInfoService schemaHistory(Connection readOnly) {
		return copyOfFlyway().dataSource(new SingleConnectionDataSource(readOnly, true)).load().info();
	}

	// The application's Flyway, to be adjusted for one use without changing the bean.
	private FluentConfiguration copyOfFlyway() {
		return Flyway.configure(this.flyway.getConfiguration().getClassLoader())
			.configuration(this.flyway.getConfiguration());
	}

	private void migrate(MigrationVersion target) {
		FailedMigrationRecorder recorder = new FailedMigrationRecorder();
		Callback[] callbacks = Stream
			.concat(Arrays.stream(this.flyway.getConfiguration().getCallbacks()), Stream.of(recorder))
			.toArray(Callback[]::new);
		try {
			copyOfFlyway().target(target).callbacks(callbacks).load().migrate();
		}
		catch (FlywayException ex) {
			throw new DatabaseMigrationException(getPath(), recorder.getFailedMigration(),
					getSchemaVersion().orElse(null), ex);
		}
	}

	private String readJournalMode() throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("PRAGMA journal_mode")) {
			result.next();
			return result.getString(1);
		}
	}

	/**
	 * Run the configured integrity check ({@code integrity_check} unless {@code quick} is
	 * configured) on the database as it is now.
	 * @return {@code true} if SQLite found no problem
	 */
	public boolean checkIntegrity() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		// A check that could not run (a lock held elsewhere) is that failure, not a
		// verdict.
		jdbc.setExceptionTranslator(new SqliteExceptionTranslator(getPath()));
		Boolean sound = jdbc.execute((ConnectionCallback<Boolean>) (
				connection) -> IntegrityChecker.run(connection, this.integrityCheck == IntegrityCheck.QUICK).isEmpty());
		return Boolean.TRUE.equals(sound);
	}

	/**
	 * Return the schema version of the database: the latest migration applied.
	 * @return the version, or empty when the database has no schema history
	 */
	public Optional<String> getSchemaVersion() {
		MigrationInfo current = this.flyway.info().current();
		return Optional.ofNullable(current).map((migration) -> migration.getVersion().getVersion());
	}

	/**
	 * Return the absolute path of the database file.
	 * @return the path, or {@code null} for an in-memory database
	 */
	public @Nullable Path getPath() {
		return this.dataSource.getPath().getFile();
	}

	/**
	 * Return whether the database lives in memory only.
	 * @return {@code true} for {@code :memory:}
	 */
	public boolean isInMemory() {
		return this.dataSource.getPath().isInMemory();
	}

}
