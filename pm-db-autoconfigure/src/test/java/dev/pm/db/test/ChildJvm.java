package dev.pm.db.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test support: a class of the test class path run as a main class in a child JVM, for
 * what only a second process can show (its own file locks, a crash).
 */
public final class ChildJvm {

	private ChildJvm() {
	}

	/**
	 * Start {@code mainClass} with {@code args}, its error stream merged into its output.
	 */
	public static Process start(Class<?> mainClass, String... args) {
		return start(List.of(), mainClass, args);
	}

	/**
	 * Start {@code mainClass} in a JVM with {@code options} such as {@code -Dname=value}.
	 */
	public static Process start(List<String> options, Class<?> mainClass, String... args) {
		return start(Path.of(System.getProperty("java.home"), "bin", "java"), options, mainClass, args);
	}

	/**
	 * Start {@code mainClass} with the {@code java} launcher of another JDK.
	 */
	public static Process start(Path java, List<String> options, Class<?> mainClass, String... args) {
		List<String> command = new ArrayList<>(
				List.of(java.toString(), "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED"));
		command.addAll(options);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
		command.addAll(List.of(args));
		try {
			return new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Return a reader of the child's output. */
	public static BufferedReader output(Process process) {
		return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
	}

	/**
	 * Read the child's output up to and including the first line that starts with
	 * {@code prefix}.
	 */
	public static String awaitLine(BufferedReader output, String prefix) {
		StringBuilder seen = new StringBuilder();
		try {
			for (String line = output.readLine(); line != null; line = output.readLine()) {
				seen.append(line).append('\n');
				if (line.startsWith(prefix)) {
					return line;
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		throw new AssertionError("The child process ended before printing '" + prefix + "':\n" + seen);
	}

}
