package dev.pm.db.init;

import java.util.Optional;

import dev.pm.db.DatabasePath;
import dev.pm.db.SqliteDatabase;
import dev.pm.db.jdbc.SqliteDataSource;
import dev.pm.db.jdbc.SqliteExceptionTranslator;
import dev.pm.db.support.IntegrityChecker;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database behind the shared connection, with Flyway's history as its schema version.
 *
 * @author pm-db
 */
final class DefaultSqliteDatabase implements SqliteDatabase {

	private final SqliteDataSource dataSource;

	private final String historyTable;

	private final IntegrityCheck integrityCheck;

	DefaultSqliteDatabase(SqliteDataSource dataSource, Configuration flywayConfiguration,
			IntegrityCheck integrityCheck) {
		this.dataSource = dataSource;
		this.historyTable = flywayConfiguration.getTable();
		this.integrityCheck = integrityCheck;
	}

	@Override
	public DatabasePath getPath() {
		return this.dataSource.getPath();
	}

	/**
	 * Return the latest version applied, read from Flyway's history table on the
	 * connection of the transaction that is open, if any. Not through Flyway's
	 * {@code info()}: inside a transaction its own connections join it, its commit is
	 * refused there, and it then leaves a connection open, which kept the writer held by
	 * this thread after the transaction ended (seen in Spring Boot's test slices).
	 * @return the version, or empty when nothing was applied
	 */
	@Override
	public Optional<String> getSchemaVersion() {
		MigrationVersion latest = jdbcTemplate()
			.execute((ConnectionCallback<MigrationVersion>) (connection) -> SchemaHistory.latestApplied(connection,
					this.historyTable));
		return Optional.ofNullable(latest).map(MigrationVersion::getVersion);
	}

	@Override
	public boolean checkIntegrity() {
		// A check that could not run (a lock held elsewhere) is that failure, not a
		// verdict.
		Boolean sound = jdbcTemplate().execute((ConnectionCallback<Boolean>) (
				connection) -> IntegrityChecker.run(connection, this.integrityCheck == IntegrityCheck.QUICK).isEmpty());
		return Boolean.TRUE.equals(sound);
	}

	private JdbcTemplate jdbcTemplate() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		jdbc.setExceptionTranslator(new SqliteExceptionTranslator(getPath().getFile()));
		return jdbc;
	}

}
