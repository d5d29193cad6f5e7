package dev.pm.db.autoconfigure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import dev.pm.db.DatabaseInitializer;
import dev.pm.db.DatabasePath;
import dev.pm.db.init.SqliteDatabaseInitializer;
import dev.pm.db.jdbc.DatabaseUpkeep;
import dev.pm.db.jdbc.JournalMode;
import dev.pm.db.jdbc.Pragma;
import dev.pm.db.jdbc.PragmaApplier;
import dev.pm.db.jdbc.SqliteDataSource;
import dev.pm.db.jdbc.SqliteDriver;
import dev.pm.db.jdbc.SqliteExceptionTranslator;
import dev.pm.db.jdbc.SqliteTransactionManager;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A pm-db database made from its own {@link PmDbProperties}, the way the
 * auto-configuration makes the application's main one: for a second database in the same
 * application (an audit log, say). Expose its parts as beans that are not default
 * candidates, so that the main database keeps its beans:
 *
 * <pre class="code">
 * &#064;Bean(defaultCandidate = false)
 * &#064;ConfigurationProperties("audit.db")
 * PmDbProperties auditDbProperties() {
 *     return new PmDbProperties();
 * }
 *
 * &#064;Bean(defaultCandidate = false)
 * PmDbDatabase auditDatabase(&#064;Qualifier("auditDbProperties") PmDbProperties properties,
 *         ResourceLoader resourceLoader) {
 *     return PmDbDatabase.create(properties, resourceLoader.getClassLoader());
 * }
 *
 * &#064;Bean(defaultCandidate = false)
 * DatabaseInitializer auditDatabaseInitializer(&#064;Qualifier("auditDatabase") PmDbDatabase database) {
 *     return database.getInitializer();
 * }
 * </pre>
 * <p>
 * and likewise {@link #getDataSource()}, {@link #createTransactionManager()} and
 * {@link #createJdbcClient()}. Spring then opens, checks and migrates it at start-up, and
 * closes it on shutdown, as it does the main database.
 *
 * @author pm-db
 * @since 0.1.0
 */
public final class PmDbDatabase {

	// 64 MiB.
	static final long JOURNAL_SIZE_LIMIT = 64L * 1024 * 1024;

	private final SqliteDataSource dataSource;

	private final SqliteExceptionTranslator exceptionTranslator;

	private final DatabaseInitializer initializer;

	private PmDbDatabase(SqliteDataSource dataSource, SqliteExceptionTranslator exceptionTranslator,
			DatabaseInitializer initializer) {
		this.dataSource = dataSource;
		this.exceptionTranslator = exceptionTranslator;
		this.initializer = initializer;
	}

	/**
	 * Make a database from its properties, migrated from its own
	 * {@code migration.locations}. Nothing touches the file until the initializer runs.
	 * Only the application's main database replicates ({@code pm.db.replication.target}):
	 * a second one with a replication target is refused, because its connection would
	 * stop checkpointing for a replicator that nothing starts, and its log would grow
	 * without end.
	 * @param properties the database's properties
	 * @param classLoader the class loader that finds its migrations
	 * @return the database
	 * @throws InvalidConfigurationPropertyValueException if {@code replication.target} is
	 * set
	 */
	public static PmDbDatabase create(PmDbProperties properties, ClassLoader classLoader) {
		Path target = properties.getReplication().getTarget();
		if (target != null) {
			throw new InvalidConfigurationPropertyValueException("replication.target", target,
					"A database made by PmDbDatabase.create is not replicated (only the main database,"
							+ " pm.db.replication.target, is); unset replication.target in the properties of "
							+ properties.getPath());
		}
		DatabasePath path = DatabasePath.of(properties.getPath());
		SqliteDataSource dataSource = dataSource(path, properties);
		return new PmDbDatabase(dataSource, exceptionTranslator(path, properties),
				initializer(dataSource, flywayConfiguration(dataSource, properties, classLoader), properties));
	}

	/**
	 * Return the data source of the database's one leased connection.
	 * @return the data source
	 */
	public SqliteDataSource getDataSource() {
		return this.dataSource;
	}

	/**
	 * Return the translator of the database's SQLite errors.
	 * @return the exception translator
	 */
	public SqliteExceptionTranslator getExceptionTranslator() {
		return this.exceptionTranslator;
	}

	/**
	 * Return the initializer that checks and migrates the database when Spring
	 * initializes it.
	 * @return the initializer
	 */
	public DatabaseInitializer getInitializer() {
		return this.initializer;
	}

	/**
	 * Create a transaction manager for the database, with pm-db's rules.
	 * @return a new transaction manager
	 */
	public SqliteTransactionManager createTransactionManager() {
		return new SqliteTransactionManager(this.dataSource, this.exceptionTranslator);
	}

	/**
	 * Create a {@link JdbcClient} on the database that translates its SQLite errors.
	 * @return a new client
	 */
	public JdbcClient createJdbcClient() {
		return JdbcClient.create(jdbcTemplate(this.dataSource, this.exceptionTranslator));
	}

	static SqliteDataSource dataSource(DatabasePath path, PmDbProperties properties) {
		SqliteDriver driver = new SqliteDriver(path, properties.getBusyTimeout());
		List<Pragma> pragmas = pragmas(properties, path);
		SqliteDataSource dataSource = new SqliteDataSource(driver, new PragmaApplier(pragmas, path.getFile()),
				properties.getTransactionMode(), properties.getStatementCacheSize());
		dataSource.setReaders(properties.getReaders(), readerPragmaApplier(pragmas, path));
		// The replicator alone checkpoints while it runs.
		dataSource.setWalLimit((properties.getReplication().getTarget() == null) ? journalSizeLimit(properties) : 0);
		dataSource.setShutdownTimeout(properties.getShutdownTimeout());
		dataSource.setLeakWarning(properties.getLease().getLeakWarning());
		return dataSource;
	}

	private static long journalSizeLimit(PmDbProperties properties) {
		String configured = properties.getPragmas().get("journal_size_limit");
		return (configured != null) ? Long.parseLong(configured) : JOURNAL_SIZE_LIMIT;
	}

	// The writer's PRAGMAs, and a guard that no statement writes, whatever the open mode.
	private static PragmaApplier readerPragmaApplier(List<Pragma> writerPragmas, DatabasePath path) {
		List<Pragma> pragmas = new ArrayList<>(writerPragmas);
		pragmas.add(Pragma.of("query_only", "on"));
		return new PragmaApplier(pragmas, path.getFile());
	}

	private static List<Pragma> pragmas(PmDbProperties properties, DatabasePath path) {
		List<Pragma> pragmas = new ArrayList<>();
		// busy_timeout first, so that switching the journal mode waits for other
		// processes.
		pragmas.add(Pragma.of("busy_timeout", Long.toString(properties.getBusyTimeout().toMillis())));
		String journalMode = properties.getJournalMode().name().toLowerCase(Locale.ROOT);
		// An in-memory database keeps its journal in memory whatever is asked, unless it
		// is off.
		pragmas.add(Pragma.expecting("journal_mode", journalMode,
				(path.isInMemory() && properties.getJournalMode() != JournalMode.OFF) ? "memory" : journalMode));
		pragmas.add(Pragma.of("synchronous", properties.getSynchronous().name()));
		pragmas.add(Pragma.of("foreign_keys", properties.isForeignKeys() ? "on" : "off"));
		if (!properties.getPragmas().containsKey("journal_size_limit")) {
			// SQLite leaves a -wal at its largest size after a checkpoint: the upkeep's
			// idle TRUNCATE empties it, this bounds what a restart leaves while readers
			// never let it be idle, and the writer checkpoints past it (WalLimit). Rails
			// ships the same 64 MB; measured in BENCHMARKS.md, scenario 14.
			pragmas.add(Pragma.of("journal_size_limit", Long.toString(JOURNAL_SIZE_LIMIT)));
		}
		properties.getPragmas().forEach((name, value) -> pragmas.add(Pragma.of(name, value)));
		if (properties.getReplication().getTarget() != null) {
			// The replicator checkpoints instead, once frames are in the replica.
			pragmas.add(Pragma.of("wal_autocheckpoint", "0"));
		}
		return pragmas;
	}

	static DatabaseUpkeep upkeep(SqliteDataSource dataSource, PmDbProperties properties) {
		// Replication checkpoints only frames it copied: the upkeep must not checkpoint
		// past them.
		return new DatabaseUpkeep(dataSource, properties.getOptimizeInterval(), properties.getCheckpointInterval(),
				properties.getWalSizeWarning().toBytes(), properties.getReplication().getTarget() == null);
	}

	static SqliteExceptionTranslator exceptionTranslator(DatabasePath path, PmDbProperties properties) {
		return new SqliteExceptionTranslator(path.getFile(), properties.getBusyTimeout());
	}

	static FluentConfiguration flywayConfiguration(DataSource dataSource, PmDbProperties properties,
			ClassLoader classLoader) {
		return Flyway.configure(classLoader)
			.dataSource(dataSource)
			.locations(MigrationLocations.onSqlite(properties.getMigration().getLocations()))
			.baselineOnMigrate(properties.getMigration().isBaselineOnMigrate())
			.baselineVersion(properties.getMigration().getBaselineVersion())
			.cleanDisabled(true);
	}

	static DatabaseInitializer initializer(SqliteDataSource dataSource, Configuration flywayConfiguration,
			PmDbProperties properties) {
		SqliteDatabaseInitializer initializer = new SqliteDatabaseInitializer(dataSource, dataSource.getPragmaApplier(),
				flywayConfiguration, properties.getIntegrityCheck());
		initializer.setCreateIfMissing(properties.isCreateIfMissing());
		initializer.setFilePermissions(properties.filePermissionSet());
		initializer.setMigrationEnabled(properties.getMigration().isEnabled());
		initializer.setExpectedVersion(properties.getMigration().getExpectedVersion());
		initializer.setIntegrityCheckInterval(properties.getIntegrityCheckInterval());
		return initializer;
	}

	static JdbcTemplate jdbcTemplate(DataSource dataSource, SqliteExceptionTranslator exceptionTranslator) {
		JdbcTemplate jdbcTemplate = new JdbcTemplate(dataSource);
		jdbcTemplate.setExceptionTranslator(exceptionTranslator);
		return jdbcTemplate;
	}

}
