package dev.pm.db.autoconfigure;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.pm.db.DatabasePath;
import dev.pm.db.init.IntegrityCheck;
import dev.pm.db.jdbc.JournalMode;
import dev.pm.db.jdbc.Pragma;
import dev.pm.db.jdbc.Synchronous;
import dev.pm.db.jdbc.TransactionMode;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of pm-db's embedded SQLite database. Setters refuse malformed
 * values, so Spring Boot reports them with the property's name and origin.
 *
 * @author pm-db
 * @since 0.1.0
 */
@ConfigurationProperties("pm.db")
public class PmDbProperties implements InitializingBean {

	private static final Set<PosixFilePermission> OWNER_READ_WRITE = Set.of(PosixFilePermission.OWNER_READ,
			PosixFilePermission.OWNER_WRITE);

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	// PRAGMAs that have a property of their own; setting them twice would be ambiguous.
	private static final Map<String, String> DEDICATED_PRAGMAS = Map.of("busy_timeout", "pm.db.busy-timeout",
			"journal_mode", "pm.db.journal-mode", "synchronous", "pm.db.synchronous", "foreign_keys",
			"pm.db.foreign-keys");

	/**
	 * Database file, relative to the working directory, or ':memory:' for an in-memory
	 * database.
	 */
	private String path = "pm.db";

	/**
	 * Whether to create a missing database file (and its missing parent directories).
	 */
	private boolean createIfMissing = true;

	/**
	 * How long SQLite waits for a lock held by another process, and how long a thread
	 * waits for the shared connection.
	 */
	private Duration busyTimeout = Duration.ofSeconds(5);

	/**
	 * How long closing the application waits for a transaction in progress before it
	 * closes the database, which rolls that transaction back.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(10);

	/**
	 * Journal mode of the database: 'wal', or a rollback journal ('delete', 'truncate',
	 * 'persist'). 'memory' (for a file) and 'off' can corrupt the database on a crash or
	 * on an ordinary rollback, and need pm.db.allow-unsafe-journal-mode.
	 */
	private JournalMode journalMode = JournalMode.WAL;

	/**
	 * Whether to accept the journal modes 'memory' (for a database file) and 'off', which
	 * give up crash safety: a crash, or the rollback of a large transaction, can corrupt
	 * the database.
	 */
	private boolean allowUnsafeJournalMode;

	/**
	 * How often SQLite syncs to disk; 'normal' trades durability on power loss for speed.
	 */
	private Synchronous synchronous = Synchronous.FULL;

	/**
	 * Whether SQLite enforces foreign keys.
	 */
	private boolean foreignKeys = true;

	/**
	 * How read-write transactions begin; read-only transactions always begin deferred.
	 */
	private TransactionMode transactionMode = TransactionMode.IMMEDIATE;

	/**
	 * Number of prepared statements kept for reuse on the shared connection; 0 disables
	 * the cache.
	 */
	private int statementCacheSize = 64;

	/**
	 * Number of read-only connections that serve read-only transactions begun outside a
	 * read-write one, beside the one writer connection, so that reads neither wait for
	 * writes nor make them wait; 0 serves them from the writer. Defaults to the number of
	 * processors, at least 2; raise it to the number of threads that read at once when
	 * that is more: each thread beyond it waits for a reader, and four or eight threads
	 * on two readers read at about 0.4 of the rate of a connection each. An in-memory
	 * database has none.
	 */
	private int readers = Math.max(2, Runtime.getRuntime().availableProcessors());

	/**
	 * How often to run 'PRAGMA optimize', so that the query planner's statistics stay
	 * current in an application that runs for weeks (a clean close runs it too); 0 never.
	 */
	private Duration optimizeInterval = Duration.ofHours(1);

	/**
	 * How often to look at the write-ahead log: checkpoint it into the database and
	 * truncate it when the database is idle, and warn when it is larger than
	 * pm.db.wal-size-warning; 0 never (SQLite's passive checkpoints after commits
	 * remain). With replication, only the warning: the replicator checkpoints.
	 */
	private Duration checkpointInterval = Duration.ofSeconds(10);

	/**
	 * Size of the write-ahead log above which a warning names the read-only transactions
	 * that keep checkpoints from emptying it.
	 */
	private DataSize walSizeWarning = DataSize.ofMegabytes(64);

	/**
	 * Further PRAGMAs applied to every connection, for example 'cache_size=-20000'.
	 * mmap_size and cache_size stay at SQLite's defaults unless set here: memory-mapped
	 * reads were measured 11-22% faster, but an I/O error on a mapped file ends the JVM
	 * instead of failing the statement; a larger cache changed nothing measurable.
	 */
	private Map<String, String> pragmas = new LinkedHashMap<>();

	/**
	 * POSIX permissions of the database and its -wal, -shm and -journal files. Ignored on
	 * file systems without POSIX permissions. Anything other than 'rw-------' needs
	 * pm.db.allow-shared-file-permissions.
	 */
	private String filePermissions = "rw-------";

	/**
	 * Whether pm.db.file-permissions may let the group or others read or write the
	 * database; new files then get exactly those permissions, whatever the umask.
	 */
	private boolean allowSharedFilePermissions;

	/**
	 * Integrity check run on an existing database at start-up.
	 */
	private IntegrityCheck integrityCheck = IntegrityCheck.FULL;

	/**
	 * How long a database this starter closed cleanly, and nobody changed since, may go
	 * without the start-up integrity check; anything else is checked at every start.
	 */
	private Duration integrityCheckInterval = Duration.ofDays(7);

	private final Migration migration = new Migration();

	private final Lease lease = new Lease();

	private final Replication replication = new Replication();

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		if (path.isBlank()) {
			throw new IllegalArgumentException("pm.db.path must not be blank");
		}
		if (path.startsWith("file:") || path.startsWith("jdbc:") || path.contains("?")) {
			// sqlite-jdbc would read these as a URI and open another file than the one
			// pm-db checks.
			throw new IllegalArgumentException("pm.db.path must be a plain file path, not a URI or a path with"
					+ " SQLite URI parameters ('" + path + "'); set PRAGMAs with pm.db.pragmas.* instead");
		}
		this.path = path;
	}

	public boolean isCreateIfMissing() {
		return this.createIfMissing;
	}

	public void setCreateIfMissing(boolean createIfMissing) {
		this.createIfMissing = createIfMissing;
	}

	public Duration getBusyTimeout() {
		return this.busyTimeout;
	}

	public void setBusyTimeout(Duration busyTimeout) {
		if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(
					"pm.db.busy-timeout must be between 0 and " + Integer.MAX_VALUE + " ms, not " + busyTimeout);
		}
		this.busyTimeout = busyTimeout;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public JournalMode getJournalMode() {
		return this.journalMode;
	}

	public void setJournalMode(JournalMode journalMode) {
		this.journalMode = journalMode;
	}

	public boolean isAllowUnsafeJournalMode() {
		return this.allowUnsafeJournalMode;
	}

	public void setAllowUnsafeJournalMode(boolean allowUnsafeJournalMode) {
		this.allowUnsafeJournalMode = allowUnsafeJournalMode;
	}

	public Synchronous getSynchronous() {
		return this.synchronous;
	}

	public void setSynchronous(Synchronous synchronous) {
		this.synchronous = synchronous;
	}

	public boolean isForeignKeys() {
		return this.foreignKeys;
	}

	public void setForeignKeys(boolean foreignKeys) {
		this.foreignKeys = foreignKeys;
	}

	public TransactionMode getTransactionMode() {
		return this.transactionMode;
	}

	public void setTransactionMode(TransactionMode transactionMode) {
		this.transactionMode = transactionMode;
	}

	public int getStatementCacheSize() {
		return this.statementCacheSize;
	}

	public void setStatementCacheSize(int statementCacheSize) {
		if (statementCacheSize < 0) {
			throw new IllegalArgumentException(
					"pm.db.statement-cache-size must not be negative, not " + statementCacheSize);
		}
		this.statementCacheSize = statementCacheSize;
	}

	public int getReaders() {
		return this.readers;
	}

	public void setReaders(int readers) {
		if (readers < 0) {
			throw new IllegalArgumentException("pm.db.readers must not be negative, not " + readers);
		}
		this.readers = readers;
	}

	public Duration getOptimizeInterval() {
		return this.optimizeInterval;
	}

	public void setOptimizeInterval(Duration optimizeInterval) {
		this.optimizeInterval = requireNotNegative("pm.db.optimize-interval", optimizeInterval);
	}

	public Duration getCheckpointInterval() {
		return this.checkpointInterval;
	}

	public void setCheckpointInterval(Duration checkpointInterval) {
		this.checkpointInterval = requireNotNegative("pm.db.checkpoint-interval", checkpointInterval);
	}

	public DataSize getWalSizeWarning() {
		return this.walSizeWarning;
	}

	public void setWalSizeWarning(DataSize walSizeWarning) {
		this.walSizeWarning = walSizeWarning;
	}

	private static Duration requireNotNegative(String property, Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException(property + " must not be negative, not " + duration);
		}
		return duration;
	}

	public Map<String, String> getPragmas() {
		return this.pragmas;
	}

	public void setPragmas(Map<String, String> pragmas) {
		pragmas.forEach((name, value) -> {
			String dedicated = DEDICATED_PRAGMAS.get(name);
			if (dedicated != null) {
				throw new IllegalArgumentException(
						"pm.db.pragmas." + name + ": PRAGMA " + name + " has a property of its own, " + dedicated);
			}
			try {
				Pragma.of(name, value);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("pm.db.pragmas." + name + ": " + ex.getMessage(), ex);
			}
		});
		this.pragmas = pragmas;
	}

	public String getFilePermissions() {
		return this.filePermissions;
	}

	public void setFilePermissions(String filePermissions) {
		Set<PosixFilePermission> permissions;
		try {
			permissions = PosixFilePermissions.fromString(filePermissions);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("pm.db.file-permissions must be nine characters such as rw-------,"
					+ " not '" + filePermissions + "'", ex);
		}
		if (!permissions.containsAll(OWNER_READ_WRITE) || filePermissions.contains("x")) {
			throw new IllegalArgumentException("pm.db.file-permissions must let the owner read and write and"
					+ " execute nothing (a database file is never run), not '" + filePermissions + "'");
		}
		this.filePermissions = filePermissions;
	}

	public boolean isAllowSharedFilePermissions() {
		return this.allowSharedFilePermissions;
	}

	public void setAllowSharedFilePermissions(boolean allowSharedFilePermissions) {
		this.allowSharedFilePermissions = allowSharedFilePermissions;
	}

	public IntegrityCheck getIntegrityCheck() {
		return this.integrityCheck;
	}

	public void setIntegrityCheck(IntegrityCheck integrityCheck) {
		this.integrityCheck = integrityCheck;
	}

	public Duration getIntegrityCheckInterval() {
		return this.integrityCheckInterval;
	}

	public void setIntegrityCheckInterval(Duration integrityCheckInterval) {
		this.integrityCheckInterval = integrityCheckInterval;
	}

	public Migration getMigration() {
		return this.migration;
	}

	public Lease getLease() {
		return this.lease;
	}

	public Replication getReplication() {
		return this.replication;
	}

	/**
	 * Continuous replication of the database into a directory, for point-in-time restore.
	 */
	public static class Replication {

		/**
		 * Directory (on another disk, a network mount) that receives a continuous
		 * replica: snapshots and write-ahead log segments. Replication is off when unset.
		 */
		private @Nullable Path target;

		/**
		 * Most committed work that may be missing from the replica: how often new
		 * write-ahead log frames are copied into it.
		 */
		private Duration interval = Duration.ofSeconds(1);

		/**
		 * How often a new full snapshot is taken.
		 */
		private Duration snapshotInterval = Duration.ofHours(24);

		/**
		 * How far back a restore stays possible; older snapshots and segments are
		 * removed.
		 */
		private Duration retention = Duration.ofDays(7);

		public @Nullable Path getTarget() {
			return this.target;
		}

		public void setTarget(@Nullable Path target) {
			this.target = target;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public Duration getSnapshotInterval() {
			return this.snapshotInterval;
		}

		public void setSnapshotInterval(Duration snapshotInterval) {
			this.snapshotInterval = snapshotInterval;
		}

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			this.retention = retention;
		}

	}

	/**
	 * The lease of the shared connection to one thread at a time.
	 */
	public static class Lease {

		/**
		 * How long one thread may hold the connection before it is reported, with the
		 * place where it was taken, as a possible leak; 0 turns the report off.
		 */
		private Duration leakWarning = Duration.ofSeconds(10);

		public Duration getLeakWarning() {
			return this.leakWarning;
		}

		public void setLeakWarning(Duration leakWarning) {
			this.leakWarning = leakWarning;
		}

	}

	/**
	 * Flyway migrations run at start-up.
	 */
	public static class Migration {

		/**
		 * Whether to migrate an older database at start-up. When false, an older database
		 * fails start-up.
		 */
		private boolean enabled = true;

		/**
		 * Locations of the Flyway migrations. "{vendor}" stands for "sqlite", as it does
		 * in spring.flyway.locations.
		 */
		private List<String> locations = new ArrayList<>(List.of("classpath:db/migration"));

		/**
		 * Schema version the application requires. Defaults to the latest migration
		 * found.
		 */
		private @Nullable String expectedVersion;

		/**
		 * Whether to adopt a database that has tables but no schema history, by recording
		 * it at the baseline version and migrating from there. Off, such a database fails
		 * start-up unchanged.
		 */
		private boolean baselineOnMigrate;

		/**
		 * Schema version recorded for an adopted database: the version its tables already
		 * match.
		 */
		private String baselineVersion = "1";

		public boolean isBaselineOnMigrate() {
			return this.baselineOnMigrate;
		}

		public void setBaselineOnMigrate(boolean baselineOnMigrate) {
			this.baselineOnMigrate = baselineOnMigrate;
		}

		public String getBaselineVersion() {
			return this.baselineVersion;
		}

		public void setBaselineVersion(String baselineVersion) {
			this.baselineVersion = baselineVersion;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getLocations() {
			return this.locations;
		}

		public void setLocations(List<String> locations) {
			this.locations = locations;
		}

		public @Nullable String getExpectedVersion() {
			return this.expectedVersion;
		}

		public void setExpectedVersion(@Nullable String expectedVersion) {
			this.expectedVersion = expectedVersion;
		}

	}

	/**
	 * Refuse settings that are well-formed but unsafe without their opt-in.
	 * @throws InvalidConfigurationPropertyValueException naming the property
	 */
	@Override
	public void afterPropertiesSet() {
		boolean unsafeJournal = this.journalMode == JournalMode.OFF
				|| (this.journalMode == JournalMode.MEMORY && !DatabasePath.IN_MEMORY.equals(this.path));
		if (unsafeJournal && !this.allowUnsafeJournalMode) {
			throw new InvalidConfigurationPropertyValueException("pm.db.journal-mode", this.journalMode,
					"With this journal mode a crash, or the rollback of a large transaction, can corrupt the"
							+ " database. Use wal (the default) or delete, or accept the risk with"
							+ " pm.db.allow-unsafe-journal-mode=true");
		}
		if (!filePermissionSet().equals(OWNER_ONLY) && !this.allowSharedFilePermissions) {
			throw new InvalidConfigurationPropertyValueException("pm.db.file-permissions", this.filePermissions,
					"It lets others than the owner read or write the database. Use rw------- (the default), or"
							+ " allow it with pm.db.allow-shared-file-permissions=true");
		}
	}

	/**
	 * Return the configured file permissions as a set.
	 * @return the POSIX permissions
	 */
	public Set<PosixFilePermission> filePermissionSet() {
		return PosixFilePermissions.fromString(this.filePermissions);
	}

}
