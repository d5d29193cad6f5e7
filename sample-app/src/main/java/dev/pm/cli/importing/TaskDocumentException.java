package dev.pm.cli.importing;

import java.nio.file.Path;

import dev.pm.cli.plan.PlanException;

/**
 * A task document that cannot be read; the message starts with {@code file:line:} as
 * compilers write it, so editors can jump to the problem.
 */
public class TaskDocumentException extends PlanException {

	private final Path file;

	private final int line;

	/**
	 * Creates the exception.
	 * @param file the document
	 * @param line the 1-based line of the problem
	 * @param problem what is wrong
	 */
	public TaskDocumentException(Path file, int line, String problem) {
		super(file + ":" + line + ": " + problem);
		this.file = file;
		this.line = line;
	}

	/**
	 * Returns the document.
	 * @return the document
	 */
	public Path getFile() {
		return this.file;
	}

	/**
	 * Returns the line of the problem.
	 * @return the 1-based line
	 */
	public int getLine() {
		return this.line;
	}

}
