package dev.pm.db.init;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs SQLite's integrity check and collects the problems it reports.
 *
 * @author pm-db
 */
public final class IntegrityChecker {

	/** How many problems SQLite is asked to report at most. */
	static final int MAX_PROBLEMS = 10;

	private IntegrityChecker() {
	}

	/**
	 * Run a check.
	 * @param connection the connection to the database to check
	 * @param quick whether to run {@code quick_check} rather than {@code integrity_check}
	 * @return the first problems SQLite reported; empty when the database is sound
	 * @throws SQLException if SQLite cannot read the database (which may itself mean corruption)
	 */
	public static List<String> run(Connection connection, boolean quick) throws SQLException {
		List<String> problems = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("PRAGMA " + (quick ? "quick_check" : "integrity_check") + "(" + MAX_PROBLEMS + ")")) {
			while (result.next()) {
				problems.add(result.getString(1));
			}
		}
		return problems.equals(List.of("ok")) ? List.of() : problems;
	}

}
