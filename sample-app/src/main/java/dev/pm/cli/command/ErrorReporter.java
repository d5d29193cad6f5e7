package dev.pm.cli.command;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.pm.cli.launch.LazyApplicationContext;
import dev.pm.cli.plan.PlanException;
import dev.pm.db.DatabaseException;
import dev.pm.db.jdbc.LeaseStatus;
import dev.pm.db.jdbc.SqliteDataSource;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;

/**
 * Reports a failed command as one line on stderr, with the stack trace only under
 * {@code --debug}, and exits with {@link PmCommandLine#REFUSED} (or
 * {@link PmCommandLine#CHANGED_BUT_FAILED} when the change was saved).
 */
final class ErrorReporter implements IExecutionExceptionHandler {

	static final String BUSY = "the database is busy: another pm process held it longer than the busy timeout "
			+ "(pm.db.busy-timeout, default 5s), and nothing was changed; try again, or wait longer with "
			+ "PM_DB_BUSY_TIMEOUT=30s";

	private static final String SERVER_COMMAND = "pm ";

	private final LazyApplicationContext context;

	ErrorReporter(LazyApplicationContext context) {
		this.context = context;
	}

	@Override
	public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
		if (debug(parseResult)) {
			ex.printStackTrace(command.getErr());
		}
		command.getErr().println("pm: " + (isBusyHere(ex) ? busyHere() : describe(ex)));
		command.getErr().flush();
		return (ex instanceof ChangeNotReportedException) ? PmCommandLine.CHANGED_BUT_FAILED : PmCommandLine.REFUSED;
	}

	/**
	 * Returns one line that tells the user what went wrong.
	 * @param ex the failure, possibly wrapped by Spring's start-up
	 * @return the line
	 */
	static String describe(Throwable ex) {
		String message = message(ex);
		return message.strip().replaceAll("\\s*\\R\\s*", "; ");
	}

	private static String message(Throwable ex) {
		if (isBusy(ex)) {
			return BUSY;
		}
		BindException binding = find(ex, BindException.class);
		if (binding != null && binding.getProperty() != null) {
			return invalidProperty(binding);
		}
		Throwable reason = reasonOf(ex);
		String message = reason.getMessage();
		return (message == null || message.isBlank()) ? reason.getClass().getSimpleName() : message;
	}

	/**
	 * Whether the command timed out waiting for the connection that another thread of
	 * this process holds (the starter's lease), rather than for SQLite's lock that
	 * another process holds: only SQLite's error has an {@code SQLException} in its
	 * causes.
	 */
	private static boolean isBusyHere(Throwable ex) {
		return find(ex, CannotAcquireLockException.class) != null && find(ex, SQLException.class) == null;
	}

	/**
	 * Says which command of this pm server, or which thread of this process, holds the
	 * connection, and for how long: "another pm process" would send the user looking for
	 * the wrong thing.
	 */
	private String busyHere() {
		LeaseStatus lease = this.context.startedBean(SqliteDataSource.class)
			.map(SqliteDataSource::getLeaseStatus)
			.orElse(null);
		String holder;
		if (lease == null || lease.holder() == null) {
			holder = "another command of this pm process held it";
		}
		else {
			String seconds = String.format(Locale.ROOT, "%.1fs", lease.heldFor().toMillis() / 1000.0);
			holder = lease.holder().startsWith(SERVER_COMMAND)
					? "this pm server's command '" + lease.holder() + "' has held it for " + seconds
					: "thread '" + lease.holder() + "' of this pm process has held it for " + seconds;
		}
		return "the database is busy: " + holder + ", longer than the busy timeout (pm.db.busy-timeout, default 5s),"
				+ " and nothing was changed; try again, or wait longer with PM_DB_BUSY_TIMEOUT=30s";
	}

	/**
	 * SQLite's own busy error, or the starter's translation of it, wherever it happened
	 * (start-up included).
	 */
	private static boolean isBusy(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof CannotAcquireLockException || (cause instanceof SQLException sql
					&& sql.getMessage() != null && sql.getMessage().contains("SQLITE_BUSY"))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * {@code invalid value 'bogus' for pm.db.journal-mode (from ...): expected one of ...}.
	 */
	private static String invalidProperty(BindException ex) {
		ConfigurationProperty property = ex.getProperty();
		String origin = (property.getOrigin() != null) ? " (from " + property.getOrigin() + ")" : "";
		Class<?> type = ex.getTarget().getType().resolve();
		String expected;
		if (type != null && type.isEnum()) {
			expected = "expected one of " + Arrays.stream(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.collect(Collectors.joining(", "));
		}
		else {
			Throwable root = ex;
			while (root.getCause() != null) {
				root = root.getCause();
			}
			expected = root.getMessage();
		}
		return "invalid value '" + property.getValue() + "' for " + property.getName() + origin + ": " + expected;
	}

	private static Throwable reasonOf(Throwable ex) {
		// The plan's and the starter's exceptions are written for users; prefer them to
		// their wrappers.
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PlanException || cause instanceof DatabaseException
					|| cause instanceof OutputFailedException || cause instanceof ChangeNotReportedException) {
				return cause;
			}
		}
		if (ex instanceof DataAccessException dataAccess) {
			return dataAccess.getMostSpecificCause();
		}
		Throwable root = ex;
		SQLException deepestSql = null;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
			if (root instanceof SQLException sql) {
				deepestSql = sql;
			}
		}
		// A server that cannot be reached: the driver says which and where
		// ("Connection to localhost:5432 refused"), the socket only "Connection refused".
		return (deepestSql != null) ? deepestSql : root;
	}

	private static <T extends Throwable> T find(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	private static boolean debug(ParseResult parseResult) {
		for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
			if (result.hasMatchedOption("--debug")) {
				return true;
			}
		}
		return false;
	}

}
