package dev.pm.cli.command;

/**
 * The output of a command could not be written, as to a full disk or a closed pipe.
 * Thrown inside the command's transaction, so its change is rolled back.
 */
final class OutputFailedException extends RuntimeException {

	OutputFailedException() {
		super("cannot write to standard output; nothing was changed");
	}

}
