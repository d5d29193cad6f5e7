package dev.pm.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The benchmark schema for setups without the starter's Flyway migration: the very same
 * script, read from the migration location.
 *
 * @author pm-db
 */
final class Schema {

	private static final String MIGRATION = "db/migration/V1__items.sql";

	private Schema() {
	}

	static String script() {
		try (InputStream in = Schema.class.getClassLoader().getResourceAsStream(MIGRATION)) {
			if (in == null) {
				throw new IllegalStateException(MIGRATION + " is missing from the class path");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String[] statements() {
		return script().split(";\\s*");
	}

	static void create(Statement statement) throws SQLException {
		for (String sql : statements()) {
			if (!sql.isBlank()) {
				statement.execute(sql.replaceFirst("(?i)CREATE (TABLE|INDEX) ", "CREATE $1 IF NOT EXISTS "));
			}
		}
	}

}
