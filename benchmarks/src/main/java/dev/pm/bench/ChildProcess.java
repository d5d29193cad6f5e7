package dev.pm.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A child process run to completion, its wall time taken from start to exit.
 *
 * @param output what it printed, standard error included
 * @param wallNanos from start to exit
 * @author pm-db
 */
record ChildProcess(String output, long wallNanos) {

	/**
	 * Run a Java class of this module in a new JVM with the same class path.
	 * @param mainClass the class to run
	 * @param args its arguments
	 * @return the finished process
	 * @throws IOException if it cannot be started or fails
	 * @throws InterruptedException if interrupted while waiting
	 */
	static ChildProcess java(Class<?> mainClass, List<String> args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(javaCommand(mainClass));
		command.addAll(args);
		return run(command, Map.of(), null);
	}

	/**
	 * Return the command that runs a Java class of this module in a new JVM, with this
	 * JVM's class path made absolute, so the child may run in any directory.
	 * @param mainClass the class to run
	 * @return the command
	 */
	static List<String> javaCommand(Class<?> mainClass) {
		String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.map((entry) -> Path.of(entry).toAbsolutePath().toString())
			.collect(Collectors.joining(File.pathSeparator));
		return List.of(javaExecutable(), "-cp", classPath, mainClass.getName());
	}

	static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * Run a command.
	 * @param command the command
	 * @param environment variables to add
	 * @param directory the working directory, or {@code null} for this one
	 * @return the finished process
	 * @throws IOException if it cannot be started or exits with a status other than 0
	 * @throws InterruptedException if interrupted while waiting
	 */
	static ChildProcess run(List<String> command, Map<String, String> environment, Path directory)
			throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(environment);
		if (directory != null) {
			builder.directory(directory.toFile());
		}
		long start = System.nanoTime();
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		int status = process.waitFor();
		long wall = System.nanoTime() - start;
		if (status != 0) {
			throw new IOException(String.join(" ", command) + " exited with " + status + ":\n" + output);
		}
		return new ChildProcess(output, wall);
	}

	/**
	 * Return the numbers the child printed after a prefix, one per line, in order.
	 * @param prefix the prefix
	 * @return the numbers
	 */
	List<Long> numbersAfter(String prefix) {
		return this.output.lines()
			.filter((line) -> line.startsWith(prefix))
			.map((line) -> Long.parseLong(line.substring(prefix.length()).trim()))
			.toList();
	}

}
