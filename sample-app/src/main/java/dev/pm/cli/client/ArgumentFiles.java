package dev.pm.cli.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Expands {@code @FILE} arguments, where {@code pm} starts: in the client, against its
 * working directory, before the client picks the server by the database the command
 * names, so that a command runs the same with and without the server, and the server
 * never reads a file it was told of. An argument file holds arguments separated by
 * whitespace (one a line, say); quotes ({@code "} or {@code '}) keep whitespace in one
 * argument; a line starting with {@code #} is a comment. An {@code @NAME} that names no
 * file stays as it is (a title such as {@code @alice}), and arguments after {@code --}
 * are never expanded.
 */
public final class ArgumentFiles {

	/**
	 * The system property that tells the JVM of a command that its arguments are expanded
	 * already: an argument read from a file is not a file name again.
	 */
	public static final String EXPANDED_PROPERTY = "pm.arguments.expanded";

	private ArgumentFiles() {
	}

	/**
	 * Expands the arguments.
	 * @param args the command line
	 * @param workingDirectory where relative file names resolve
	 * @return the command line, each {@code @FILE} replaced by the arguments it holds
	 * @throws IllegalArgumentException naming the file if it exists but cannot be read,
	 * or has an unclosed quote
	 */
	public static List<String> expand(List<String> args, Path workingDirectory) {
		List<String> expanded = new ArrayList<>(args.size());
		boolean options = true;
		for (String arg : args) {
			if (arg.equals("--")) {
				options = false;
			}
			Path file = (options && arg.length() > 1 && arg.charAt(0) == '@')
					? workingDirectory.resolve(arg.substring(1)) : null;
			if (file != null && Files.exists(file)) {
				expanded.addAll(read(arg, file));
			}
			else {
				expanded.add(arg);
			}
		}
		return expanded;
	}

	private static List<String> read(String arg, Path file) {
		String content;
		try {
			content = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("cannot read the argument file " + arg + " (" + file + "): " + ex);
		}
		List<String> words = new ArrayList<>();
		int lineNumber = 1;
		for (String line : content.split("\r?\n", -1)) {
			if (!line.stripLeading().startsWith("#")) {
				split(line, words, arg + " line " + lineNumber);
			}
			lineNumber++;
		}
		return words;
	}

	private static void split(String line, List<String> words, String where) {
		StringBuilder word = null;
		char quote = 0;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quote != 0) {
				if (c == quote) {
					quote = 0;
				}
				else {
					word.append(c);
				}
			}
			else if (c == '"' || c == '\'') {
				quote = c;
				word = (word != null) ? word : new StringBuilder();
			}
			else if (Character.isWhitespace(c)) {
				if (word != null) {
					words.add(word.toString());
					word = null;
				}
			}
			else {
				word = (word != null) ? word : new StringBuilder();
				word.append(c);
			}
		}
		if (quote != 0) {
			throw new IllegalArgumentException(
					"the argument file " + where + " has a " + quote + " that is not closed");
		}
		if (word != null) {
			words.add(word.toString());
		}
	}

}
