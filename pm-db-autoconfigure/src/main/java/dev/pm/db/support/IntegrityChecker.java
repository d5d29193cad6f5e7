package dev.pm.db.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.pm.db.DatabaseCorruptedException;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteErrorCode;

/**
 * Runs SQLite's integrity check and collects the problems it reports.
 *
 * @author pm-db
 * @since 0.1.0
 */
public final class IntegrityChecker {

	// Primary result codes that mean the file is damaged: SQLITE_CORRUPT, SQLITE_NOTADB.
	private static final Set<Integer> DAMAGE = Set.of(SQLiteErrorCode.SQLITE_CORRUPT.code,
			SQLiteErrorCode.SQLITE_NOTADB.code);

	/** How many problems SQLite is asked to report at most. */
	static final int MAX_PROBLEMS = 10;

	private IntegrityChecker() {
	}

	/**
	 * Run a check.
	 * @param connection the connection to the database to check
	 * @param quick whether to run {@code quick_check} rather than {@code integrity_check}
	 * @return the first problems SQLite reported; empty when the database is sound. When
	 * SQLite cannot even run the check because the file is damaged (a broken schema, not
	 * a database), its error is the problem.
	 * @throws SQLException if the check could not run for another reason (a lock held by
	 * another connection, say), which says nothing about the file
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
		catch (SQLException ex) {
			if (!DAMAGE.contains(ex.getErrorCode())) {
				throw ex;
			}
			return List.of(String.valueOf(ex.getMessage()));
		}
		return problems.equals(List.of("ok")) ? List.of() : problems;
	}

	/**
	 * Run a check and refuse a database with problems.
	 * @param connection the connection to the database to check
	 * @param quick whether to run {@code quick_check} rather than {@code integrity_check}
	 * @param path the database file, for the exception
	 * @throws DatabaseCorruptedException with the first problems SQLite reported
	 */
	public static void requireSound(Connection connection, boolean quick, @Nullable Path path) throws SQLException {
		List<String> problems = run(connection, quick);
		if (!problems.isEmpty()) {
			throw new DatabaseCorruptedException(path, problems, null);
		}
	}

}
