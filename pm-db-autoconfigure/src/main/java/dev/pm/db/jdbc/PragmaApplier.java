package dev.pm.db.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pm.db.DatabaseException;
import dev.pm.db.DatabasePath;
import org.jspecify.annotations.Nullable;

/**
 * Sets the configured PRAGMAs on a connection and reads each one back, so that a value
 * SQLite silently ignored (WAL on a file system without shared memory, a misspelt name)
 * fails loudly instead of leaving the application unsafe.
 *
 * @author pm-db
 * @since 0.1.0
 */
public class PragmaApplier {

	private final List<Pragma> pragmas;

	private final @Nullable Path path;

	/**
	 * Create an applier.
	 * @param pragmas the PRAGMAs, in the order they are set
	 * @param path the database file, for messages; {@code null} for an in-memory database
	 */
	public PragmaApplier(List<Pragma> pragmas, @Nullable Path path) {
		this.pragmas = List.copyOf(pragmas);
		this.path = path;
	}

	/**
	 * Set every PRAGMA, then read each back.
	 * @param connection an open connection outside any transaction
	 * @return the value SQLite reports for each PRAGMA that reports one, by name
	 * @throws SQLException if SQLite refuses a statement
	 * @throws DatabaseException if a PRAGMA reads back a value other than the one set
	 */
	public Map<String, String> apply(Connection connection) throws SQLException {
		Map<String, String> reported = new LinkedHashMap<>();
		try (Statement statement = connection.createStatement()) {
			for (Pragma pragma : this.pragmas) {
				statement.execute(pragma.setStatement());
			}
			for (Pragma pragma : this.pragmas) {
				String value = verify(statement, pragma);
				if (value != null) {
					reported.put(pragma.name(), value);
				}
			}
		}
		return reported;
	}

	private @Nullable String verify(Statement statement, Pragma pragma) throws SQLException {
		String reported = read(statement, pragma);
		if (reported == null) {
			// An action such as optimize reports nothing to compare; a misspelt name
			// reports nothing too.
			requireKnown(statement, pragma);
		}
		else if (!pragma.expected().equals(reported)) {
			throw new DatabaseException(this.path,
					"PRAGMA " + pragma.name() + " = " + pragma.value() + " did not take on database " + describePath()
							+ ": SQLite reports '" + reported + "' where '" + pragma.expected()
							+ "' was expected. Check the value, and that the file system supports it"
							+ " (WAL needs shared memory, which network file systems often lack)");
		}
		return reported;
	}

	private void requireKnown(Statement statement, Pragma pragma) throws SQLException {
		// The name is a checked identifier (see Pragma), so it can stand in the
		// statement.
		try (ResultSet known = statement
			.executeQuery("SELECT count(*) FROM pragma_pragma_list WHERE name = lower('" + pragma.name() + "')")) {
			known.next();
			if (known.getInt(1) == 0) {
				throw new DatabaseException(this.path, "PRAGMA " + pragma.name() + " (set on database " + describePath()
						+ ") is not a PRAGMA this SQLite knows; check its spelling");
			}
		}
	}

	private @Nullable String read(Statement statement, Pragma pragma) throws SQLException {
		// An unknown PRAGMA is no error in SQLite: it just reports nothing.
		if (!statement.execute(pragma.readStatement())) {
			return null;
		}
		try (ResultSet result = statement.getResultSet()) {
			return result.next() ? Pragma.normalise(pragma.name(), result.getString(1)) : null;
		}
	}

	private String describePath() {
		return DatabasePath.ofFile(this.path).toString();
	}

}
