package dev.pm.cli.command;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;

import dev.pm.cli.plan.PlanException;
import dev.pm.db.DatabaseException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Reports a failed command as one line on stderr, with the stack trace only under
 * {@code --debug}, and exits with {@link PmCommandLine#REFUSED}.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

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
		Throwable reason = reasonOf(ex);
		String message = (reason instanceof CannotAcquireLockException)
				? "the database is busy: another pm process is writing to it; try again"
				: reason.getMessage();
		if (message == null || message.isBlank()) {
			message = reason.getClass().getSimpleName();
		}
		return message.strip().replaceAll("\\s*\\R\\s*", "; ");
	}

	private static Throwable reasonOf(Throwable ex) {
		// The plan's and the starter's exceptions are written for users; prefer them to their wrappers.
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PlanException || cause instanceof DatabaseException
					|| cause instanceof CannotAcquireLockException) {
				return cause;
			}
		}
		if (ex instanceof DataAccessException dataAccess) {
			return dataAccess.getMostSpecificCause();
		}
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
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
