package dev.pm.db.init;

import java.util.Optional;

import dev.pm.db.DatabasePath;
import dev.pm.db.SqliteDatabase;
import dev.pm.db.jdbc.SqliteDataSource;
import dev.pm.db.jdbc.SqliteExceptionTranslator;
import dev.pm.db.support.IntegrityChecker;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database behind the shared connection, with Flyway's history as its schema version.
 *
 * @author pm-db
 */
final class DefaultSqliteDatabase implements SqliteDatabase {

	private final SqliteDataSource dataSource;

	private final Flyway flyway;

	private final IntegrityCheck integrityCheck;

	DefaultSqliteDatabase(SqliteDataSource dataSource, Flyway flyway, IntegrityCheck integrityCheck) {
		this.dataSource = dataSource;
		this.flyway = flyway;
		this.integrityCheck = integrityCheck;
	}

	@Override
	public DatabasePath getPath() {
		return this.dataSource.getPath();
	}

	@Override
	public Optional<String> getSchemaVersion() {
		MigrationInfo current = this.flyway.info().current();
		return Optional.ofNullable(current).map((migration) -> migration.getVersion().getVersion());
	}

	@Override
	public boolean checkIntegrity() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		// A check that could not run (a lock held elsewhere) is that failure, not a
		// verdict.
		jdbc.setExceptionTranslator(new SqliteExceptionTranslator(getPath().getFile()));
		Boolean sound = jdbc.execute((ConnectionCallback<Boolean>) (
				connection) -> IntegrityChecker.run(connection, this.integrityCheck == IntegrityCheck.QUICK).isEmpty());
		return Boolean.TRUE.equals(sound);
	}

}
