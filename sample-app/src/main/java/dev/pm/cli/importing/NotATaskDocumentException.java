package dev.pm.cli.importing;

import java.nio.file.Path;

/**
 * A file given to the import that is no task document (a README, an epic's overview):
 * skipped, with a note, rather than refused.
 */
public class NotATaskDocumentException extends TaskDocumentException {

	/**
	 * Creates the exception.
	 * @param file the file
	 * @param problem why it is no task document
	 */
	public NotATaskDocumentException(Path file, String problem) {
		super(file, 1, problem);
	}

}
