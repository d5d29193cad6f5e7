package dev.pm.db.init;

import java.util.Optional;

import dev.pm.db.DatabasePath;
import dev.pm.db.SqliteDatabase;
import dev.pm.db.jdbc.SqliteDataSource;
import dev.pm.db.jdbc.SqliteExceptionTranslator;
import dev.pm.db.support.IntegrityChecker;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * The database behind the shared connection, with Flyway's history as its schema version.
 *
 * @author pm-db
 */
final class DefaultSqliteDatabase implements SqliteDatabase {

	private final SqliteDataSource dataSource;

	// Made at the first call: a start-up that never asks needs no Flyway (making one
	// costs a tenth of a small application's start).
	private final SingletonSupplier<Flyway> flyway;

	private final IntegrityCheck integrityCheck;

	DefaultSqliteDatabase(SqliteDataSource dataSource, Configuration flywayConfiguration,
			IntegrityCheck integrityCheck) {
		this.dataSource = dataSource;
		this.flyway = SingletonSupplier.of(() -> new Flyway(flywayConfiguration));
		this.integrityCheck = integrityCheck;
	}

	@Override
	public DatabasePath getPath() {
		return this.dataSource.getPath();
	}

	@Override
	public Optional<String> getSchemaVersion() {
		MigrationInfo current = this.flyway.obtain().info().current();
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
