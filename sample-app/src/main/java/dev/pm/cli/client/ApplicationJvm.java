package dev.pm.cli.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.pm.cli.transport.ServerFiles;

/**
 * The command line of a JVM running the pm application (the server, or a command in its
 * own process), as the launcher script runs it: the extracted application with its
 * class-data archive, and the user's {@code PM_JAVA_OPTS}.
 *
 * @param application the extracted application, {@code pm-app/}
 * @param archiveOptions the JVM options that use the class-data archive or AOT cache of
 * this JDK, as the launcher chose them (a java argument file); empty without one
 * @param environment the environment variables ({@code PM_JAVA_OPTS})
 */
record ApplicationJvm(Path application, List<String> archiveOptions, Map<String, String> environment) {

	/**
	 * Returns the JVM as the launcher described it in system properties.
	 * @param environment the environment variables
	 * @return the JVM, or {@code null} when the client was not started by the launcher
	 */
	static ApplicationJvm fromLauncher(Map<String, String> environment) {
		String application = System.getProperty("pm.app");
		if (application == null || !Files.isRegularFile(Path.of(application, "pm.jar"))) {
			return null;
		}
		// pm.cds names the java argument file that uses the archive of this JDK, if there
		// is one.
		String archive = System.getProperty("pm.cds", "");
		return new ApplicationJvm(Path.of(application), archive.isEmpty() ? List.of() : List.of("@" + archive),
				environment);
	}

	/**
	 * The command line of a command run in its own JVM: short-lived, so C1 only.
	 * @param args the command line of pm
	 * @return the JVM's command line
	 */
	List<String> inProcess(List<String> args) {
		List<String> command = java();
		command.addAll(1, List.of("-XX:TieredStopAtLevel=1", "-D" + ArgumentFiles.EXPANDED_PROPERTY + "=true"));
		command.addAll(args);
		return command;
	}

	/**
	 * The command line of the server of a database.
	 * @param files the server's files
	 * @return the JVM's command line
	 */
	List<String> server(ServerFiles files) {
		List<String> command = java();
		command.addAll(1, List.of("-XX:+UseSerialGC", "-Xss512k", "-Dpm.server.directory=" + files.directory(),
				"-Dpm.server.database=" + files.database()));
		return command;
	}

	private static List<String> words(String options) {
		return (options != null && !options.isBlank()) ? Arrays.asList(options.strip().split("\\s+")) : List.of();
	}

	private List<String> java() {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(this.archiveOptions);
		command.addAll(words(this.environment.get("PM_JAVA_OPTS")));
		command.add("-Dpm.app=" + this.application);
		command.addAll(List.of("-jar", this.application.resolve("pm.jar").toString()));
		return command;
	}

}
