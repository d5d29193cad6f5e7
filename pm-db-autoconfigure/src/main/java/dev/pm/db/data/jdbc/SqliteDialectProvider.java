package dev.pm.db.data.jdbc;

import java.util.Optional;

import org.springframework.data.jdbc.core.dialect.DialectResolver.JdbcDialectProvider;
import org.springframework.data.relational.core.dialect.Dialect;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * Gives Spring Data JDBC the {@link SqliteDialect} for SQLite databases. Registered in
 * {@code META-INF/spring.factories}, where Spring Data's {@code DialectResolver} looks
 * for providers, so repositories work with no configuration.
 *
 * @author pm-db
 * @since 0.1.0
 */
public class SqliteDialectProvider implements JdbcDialectProvider {

	@Override
	public Optional<Dialect> getDialect(JdbcOperations operations) {
		Boolean sqlite = operations.execute((ConnectionCallback<Boolean>) (connection) -> "SQLite"
			.equals(connection.getMetaData().getDatabaseProductName()));
		return Boolean.TRUE.equals(sqlite) ? Optional.of(SqliteDialect.INSTANCE) : Optional.empty();
	}

}
