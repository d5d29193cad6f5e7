package dev.pm.cli.transport;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One run of {@code pm} as the client sees it: its command line, environment and working
 * directory, and what it can tell from them without parsing the command line as pm does.
 *
 * @param args the command line
 * @param environment the environment variables
 * @param workingDirectory the working directory, absolute
 */
public record Invocation(List<String> args, Map<String, String> environment, Path workingDirectory) {

	/** Turns the server off when {@code off}. */
	public static final String SERVER_VARIABLE = "PM_SERVER";

	/** The option that runs one command without the server. */
	public static final String NO_SERVER = "--no-server";

	private static final Set<String> HELP = Set.of("-h", "--help", "-V", "--version");

	/**
	 * The database the command uses, as pm resolves it ({@link DatabaseLocation}), and
	 * for {@code pm init} the one it creates in the working directory.
	 * @return the database file, absolute and normalised
	 */
	public Path database() {
		return location().path();
	}

	/**
	 * The database the command uses, and why.
	 * @return the database and the reason
	 */
	public DatabaseLocation location() {
		if ("init".equals(command())) {
			return DatabaseLocation.initializedIn(this.workingDirectory);
		}
		return DatabaseLocation.resolve(databaseFlag(), this.environment, this.workingDirectory);
	}

	private String databaseFlag() {
		String database = null;
		for (int i = 0; i < this.args.size() && !this.args.get(i).equals("--"); i++) {
			String arg = this.args.get(i);
			if (arg.equals("--db") && i + 1 < this.args.size()) {
				database = this.args.get(++i);
			}
			else if (arg.startsWith("--db=")) {
				database = arg.substring("--db=".length());
			}
		}
		return database;
	}

	/**
	 * Whether the command must run without the server: {@code PM_SERVER=off},
	 * {@code --no-server}, or a command that runs until it is stopped.
	 * @return whether the server is off for this command
	 */
	public boolean serverOff() {
		return "off".equalsIgnoreCase(this.environment.get(SERVER_VARIABLE)) || options().contains(NO_SERVER)
				|| runsUntilStopped();
	}

	/**
	 * {@code pm mcp} serves its standard input and output until they end, and
	 * {@code pm history --follow} prints until interrupted: in the server each would hold
	 * a request thread, and the server's stop, for as long. (The launcher sends them to
	 * their own process when they come first; this catches {@code pm --db X mcp}.)
	 */
	private boolean runsUntilStopped() {
		String command = command();
		return "mcp".equals(command) || ("history".equals(command) && options().contains("--follow"));
	}

	/**
	 * Whether the command answers without a database ({@code --help}, {@code --version},
	 * {@code completion}, no command): no server is started for it.
	 * @return whether it needs no server
	 */
	public boolean needsNoDatabase() {
		String command = command();
		if (command == null || command.equals("completion")) {
			return true;
		}
		for (String option : options()) {
			if (HELP.contains(option)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The first word of the command, {@code task} in {@code pm --db x.db task list}.
	 * @return the command, or {@code null} if there is none
	 */
	public String command() {
		return word(0);
	}

	/**
	 * The second word of the command, {@code list} in {@code pm task list}.
	 * @return the subcommand, or {@code null} if there is none
	 */
	public String subcommand() {
		return word(1);
	}

	private String word(int index) {
		int found = 0;
		for (int i = 0; i < this.args.size(); i++) {
			String arg = this.args.get(i);
			if (arg.equals("--db")) {
				i++;
			}
			else if (!arg.startsWith("-") && found++ == index) {
				return arg;
			}
		}
		return null;
	}

	private List<String> options() {
		int end = this.args.indexOf("--");
		return (end < 0) ? this.args : this.args.subList(0, end);
	}

	/**
	 * The settings a server must share with the client to run its commands: the starter's
	 * {@code PM_DB_*} variables (the database itself names the server), Spring Boot's
	 * {@code SPRING_*} and the JVM options.
	 * @param environment the environment variables
	 * @return the settings, one {@code NAME=value} a line, sorted
	 */
	public static String settings(Map<String, String> environment) {
		// Loops, not streams: the client starts faster without lambdas to link.
		Map<String, String> sorted = new TreeMap<>();
		for (Map.Entry<String, String> variable : environment.entrySet()) {
			if (isSetting(variable.getKey())) {
				sorted.put(variable.getKey(), variable.getValue());
			}
		}
		StringBuilder settings = new StringBuilder();
		for (Map.Entry<String, String> setting : sorted.entrySet()) {
			settings.append(setting.getKey()).append('=').append(setting.getValue()).append('\n');
		}
		return settings.toString();
	}

	private static boolean isSetting(String name) {
		return (name.startsWith("PM_DB_") && !name.equals("PM_DB_PATH")) || name.startsWith("SPRING_")
				|| name.equals("PM_JAVA_OPTS");
	}

}
