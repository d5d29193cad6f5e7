package dev.pm.cli.server;

import java.util.List;

/**
 * A client's command line as one short, printable line, for the log and for the name of
 * the thread that runs it (which the database connection's lease reports to a command
 * that waits for it).
 */
final class CommandName {

	/** The prefix of every request thread's name while it runs a command. */
	static final String PREFIX = "pm ";

	private static final int MAX_LENGTH = 80;

	private CommandName() {
	}

	/**
	 * Returns the command line as one line.
	 * @param args the command line
	 * @return {@code pm task add T-E01-F01-910 x}, control characters replaced and long
	 * lines cut
	 */
	static String of(List<String> args) {
		StringBuilder name = new StringBuilder(PREFIX.strip());
		for (String arg : args) {
			name.append(' ').append(arg);
			if (name.length() > MAX_LENGTH) {
				return printable(name.substring(0, MAX_LENGTH)) + "…";
			}
		}
		return printable(name.toString());
	}

	private static String printable(String text) {
		StringBuilder printable = new StringBuilder(text.length());
		text.codePoints().forEach((c) -> printable.appendCodePoint(Character.isISOControl(c) ? '?' : c));
		return printable.toString();
	}

}
