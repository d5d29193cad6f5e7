package dev.pm.cli.command;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.pm.cli.plan.PlanException;
import dev.pm.db.DatabaseException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;

/**
 * Reports a failed command as one line on stderr, with the stack trace only under
 * {@code --debug}, and exits with {@link PmCommandLine#REFUSED}.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

	static final String BUSY = "the database is busy: another pm process held it longer than the busy timeout "
			+ "(pm.db.busy-timeout, default 5s), and nothing was changed; try again, or wait longer with "
			+ "PM_DB_BUSY_TIMEOUT=30s";

	@Override
	public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
		if (debug(parseResult)) {
			ex.printStackTrace(command.getErr());
		}
		command.getErr().println("pm: " + describe(ex));
		command.getErr().flush();
		return PmCommandLine.REFUSED;
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
					|| cause instanceof OutputFailedException) {
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
