package dev.pm.cli.command;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import dev.pm.cli.plan.PlanException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code --description TEXT} or {@code --description-file FILE}, which the update
 * commands share: Markdown, given inline or read from a file (relative to the working
 * directory of whoever runs the command).
 */
@Command
final class DescriptionOptions {

	@ArgGroup(exclusive = true)
	private Source source;

	/**
	 * Returns the description given.
	 * @return the text, or {@code null} if neither option was given
	 * @throws PlanException naming the file if it cannot be read as UTF-8 text
	 */
	String description() {
		if (this.source == null) {
			return null;
		}
		if (this.source.text != null) {
			return this.source.text;
		}
		Path file = this.source.file;
		// A FIFO would block the read forever, a device never end.
		if (Files.exists(file) && !Files.isRegularFile(file)) {
			throw new PlanException("cannot read " + file + ": not a regular file");
		}
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (MalformedInputException ex) {
			throw new PlanException("cannot read " + file + ": not UTF-8 text");
		}
		catch (NoSuchFileException ex) {
			throw new PlanException("cannot read " + file + ": no such file");
		}
		catch (IOException ex) {
			throw new PlanException("cannot read " + file + " (" + ex + ")");
		}
	}

	static final class Source {

		@Option(names = "--description", paramLabel = "TEXT",
				description = "The description, as Markdown; an empty one removes it.")
		private String text;

		@Option(names = "--description-file", paramLabel = "FILE",
				description = "Read the description from a file (UTF-8 Markdown).")
		private Path file;

	}

}
