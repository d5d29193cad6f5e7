package dev.pm.cli.command;

/**
 * The output of a change could not be written, as to a full disk. The change was
 * committed before its output was written (writing may block for as long as the reader
 * pleases, and the database must not wait for it), so the command exits with
 * {@link PmCommandLine#CHANGED_BUT_FAILED}.
 */
final class ChangeNotReportedException extends RuntimeException {

	ChangeNotReportedException() {
		super("cannot write to standard output; the change was saved, but this report of it is lost "
				+ "(pm history shows it)");
	}

}
