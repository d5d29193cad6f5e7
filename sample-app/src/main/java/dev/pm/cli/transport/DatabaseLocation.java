package dev.pm.cli.transport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which SQLite file a command uses, and why, found the way git finds {@code .git}:
 * {@code --db}, else {@code PM_DB_URL=jdbc:sqlite:PATH}, else {@code PM_DB_PATH}, else
 * the first {@code .pm/pm.db} in the working directory or above it, else
 * {@code $HOME/.pm/pm.db}. (A {@code PM_DB_URL} of a server database wins over the last
 * two; the client still names a file, whose server is never used.) The client, the server
 * and pm in its own process all resolve it here, against the directory the command runs
 * in.
 *
 * @param path the database file, absolute and normalised
 * @param reason why this file: {@code --db}, {@code PM_DB_URL}, {@code PM_DB_PATH},
 * {@code found in the working directory}, {@code found above the working directory}, or
 * the default
 */
public record DatabaseLocation(Path path, String reason) {

	/** The directory {@code pm init} creates, and the walk up looks for. */
	public static final String DIRECTORY = ".pm";

	/** The database file in it. */
	public static final String FILE = "pm.db";

	private static final String SQLITE_URL = "jdbc:sqlite:";

	/**
	 * Resolves the database of a command.
	 * @param flag {@code --db} as given, or {@code null}
	 * @param environment the command's environment variables
	 * @param workingDirectory its working directory, absolute
	 * @return the database and why
	 */
	public static DatabaseLocation resolve(String flag, Map<String, String> environment, Path workingDirectory) {
		if (flag != null) {
			return new DatabaseLocation(absolute(workingDirectory, flag), "--db");
		}
		String url = environment.get("PM_DB_URL");
		if (url != null && url.startsWith(SQLITE_URL)) {
			return new DatabaseLocation(absolute(workingDirectory, url.substring(SQLITE_URL.length())), "PM_DB_URL");
		}
		String variable = environment.get("PM_DB_PATH");
		if (variable != null && !variable.isBlank()) {
			return new DatabaseLocation(absolute(workingDirectory, variable), "PM_DB_PATH");
		}
		for (Path directory = workingDirectory; directory != null; directory = directory.getParent()) {
			Path database = directory.resolve(DIRECTORY).resolve(FILE);
			if (Files.isRegularFile(database)) {
				return new DatabaseLocation(database.normalize(), directory.equals(workingDirectory)
						? "found in the working directory" : "found above the working directory");
			}
		}
		String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
		return new DatabaseLocation(absolute(workingDirectory, Path.of(home, DIRECTORY, FILE).toString()),
				"the default (no " + DIRECTORY + "/" + FILE + " in the working directory or above it)");
	}

	/**
	 * Returns the database {@code pm init} creates in a directory.
	 * @param workingDirectory the directory
	 * @return its {@code .pm/pm.db}
	 */
	public static DatabaseLocation initializedIn(Path workingDirectory) {
		return new DatabaseLocation(workingDirectory.resolve(DIRECTORY).resolve(FILE).normalize(), "pm init");
	}

	private static Path absolute(Path workingDirectory, String path) {
		return workingDirectory.resolve(path).toAbsolutePath().normalize();
	}

}
