package dev.pm.cli.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.pm.cli.launch.LazyApplicationContext;
import dev.pm.cli.plan.PlanException;
import dev.pm.cli.plan.PlanRepository;
import dev.pm.cli.status.DatabaseStatusService;
import dev.pm.db.SchemaVersionMismatchException;

/**
 * Starts the application for {@code pm demo --here} only on a database that holds
 * nothing, without changing any other: the first start runs with migrations off, so the
 * starter refuses a database of an older {@code pm} (or of another application) unchanged
 * instead of upgrading it. A database without any schema history is migrated only if it
 * has no tables at all: a new, empty file.
 */
final class EmptyDatabaseGuard {

	private static final String MIGRATION_ENABLED = "pm.db.migration.enabled";

	private EmptyDatabaseGuard() {
	}

	/**
	 * Starts the application on an empty database.
	 * @param context the application, not started yet
	 * @throws PlanException naming the database if it holds anything; it is left
	 * unchanged
	 */
	static void start(LazyApplicationContext context) {
		context.setProperty(MIGRATION_ENABLED, "false");
		try {
			context.start();
		}
		catch (RuntimeException ex) {
			SchemaVersionMismatchException mismatch = mismatch(ex);
			if (mismatch == null) {
				throw ex;
			}
			if (mismatch.getFound() != null || hasTables(mismatch.getPath())) {
				throw refusal(String.valueOf(mismatch.getPath()),
						"holds the schema of another application or an older pm");
			}
			context.setProperty(MIGRATION_ENABLED, "true");
			context.start();
		}
		if (!context.getBean(PlanRepository.class).isEmpty()) {
			throw refusal(context.getBean(DatabaseStatusService.class).name(), "holds a plan");
		}
	}

	private static PlanException refusal(String database, String reason) {
		return new PlanException("pm demo --here runs only on an empty database, and " + database + " " + reason
				+ "; nothing was changed (run pm demo without --here, or with --db NEW-FILE)");
	}

	private static SchemaVersionMismatchException mismatch(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SchemaVersionMismatchException mismatch) {
				return mismatch;
			}
		}
		return null;
	}

	/**
	 * Read only, and with no other connection open in this process: the start-up just
	 * failed and closed.
	 */
	private static boolean hasTables(Path path) {
		if (path == null || !Files.exists(path)) {
			return false;
		}
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:file:" + path + "?mode=ro");
				Statement statement = connection.createStatement();
				ResultSet tables = statement.executeQuery("SELECT count(*) FROM sqlite_master")) {
			return tables.next() && tables.getInt(1) > 0;
		}
		catch (SQLException ex) {
			throw new PlanException("cannot read " + path + ": " + ex.getMessage());
		}
	}

}
