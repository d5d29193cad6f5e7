package dev.pm.cli.command;

/**
 * The output of a command that changed nothing could not be written, as to a full disk.
 */
final class OutputFailedException extends RuntimeException {

	OutputFailedException() {
		super("cannot write to standard output; nothing was changed");
	}

}
