package dev.pm.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pm.cli.transport.ServerFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code pm} launcher script beside the packaged jar, run as a user runs it: a child
 * process with its own working directory and environment, checked by its output and exit
 * code.
 */
final class Launcher {

	static final Path SCRIPT = Path.of(System.getProperty("pm.jar", "target/pm.jar")).resolveSibling("pm");

	private final Path workingDirectory;

	private final Map<String, String> environment = new HashMap<>();

	private Path script = SCRIPT;

	private List<String> runAs = List.of();

	private ProcessBuilder.Redirect input = ProcessBuilder.Redirect.PIPE;

	/**
	 * A launcher run in a directory, with the server's directory inside it.
	 * @param workingDirectory the working directory
	 * @param server whether commands go to the server ({@code PM_SERVER=off} if not)
	 */
	Launcher(Path workingDirectory, boolean server) {
		this.workingDirectory = workingDirectory;
		this.environment.put("PM_SERVER_DIR", workingDirectory.resolve("server").toString());
		this.environment.put("PM_SERVER", server ? "on" : "off");
		// A server the test forgets stops soon.
		this.environment.put("PM_SERVER_IDLE", "2m");
	}

	Launcher with(String variable, String value) {
		this.environment.put(variable, value);
		return this;
	}

	/** The variables the launcher adds to those of this JVM. */
	Map<String, String> environment() {
		return Map.copyOf(this.environment);
	}

	/**
	 * Runs the commands with their standard input read from a file, {@code /dev/null}
	 * say.
	 */
	Launcher input(File file) {
		this.input = ProcessBuilder.Redirect.from(file);
		return this;
	}

	Launcher script(Path script) {
		this.script = script;
		return this;
	}

	/** The launcher script this runs. */
	Path script() {
		return this.script;
	}

	/**
	 * Runs the launcher through a command that changes the user, such as
	 * {@code setpriv --reuid=…}.
	 * @param command the command and its options, before {@code sh}
	 * @return this launcher
	 */
	Launcher runAs(String... command) {
		this.runAs = List.of(command);
		return this;
	}

	/**
	 * Returns the process id of the database's server, as {@code pm server status} says.
	 * @return the pid
	 */
	long serverPid() throws IOException, InterruptedException {
		Run status = pm("server", "status");
		Matcher pid = Pattern.compile("pid (\\d+)").matcher(status.out());
		assertThat(pid.find()).as(status.out() + status.err()).isTrue();
		return Long.parseLong(pid.group(1));
	}

	Run pm(String... args) throws IOException, InterruptedException {
		return start(args).finish();
	}

	/**
	 * Stops the servers of these databases that run, start or stop, each with
	 * {@code pm server stop}: where there is none, a test's clean-up starts no JVM.
	 * @param databases the databases
	 */
	void stopServers(Path... databases) throws IOException, InterruptedException {
		for (Path database : databases) {
			ServerFiles files = ServerFiles.of(database.toAbsolutePath().normalize(), this.environment);
			if (Files.isDirectory(files.directory()) && files.hasServer()) {
				with("PM_SERVER", "on").pm("--db", database.toString(), "server", "stop");
			}
		}
	}

	Started start(String... args) throws IOException {
		List<String> command = new ArrayList<>(this.runAs);
		command.addAll(List.of("sh", this.script.toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.workingDirectory.toFile());
		builder.environment().remove("PM_DB_PATH");
		builder.environment().putAll(this.environment);
		String name = "run-" + System.nanoTime();
		Path out = Files.createTempFile(name, ".out");
		Path err = Files.createTempFile(name, ".err");
		return new Started(
				builder.redirectInput(this.input).redirectOutput(out.toFile()).redirectError(err.toFile()).start(), out,
				err);
	}

	/** A pm process started, with the files its output goes to. */
	record Started(Process process, Path out, Path err) {

		Run finish() throws IOException, InterruptedException {
			assertThat(this.process.waitFor(5, TimeUnit.MINUTES)).as("pm finished within 5 minutes").isTrue();
			Run run = new Run(this.process.exitValue(), Files.readString(this.out, StandardCharsets.UTF_8),
					Files.readString(this.err, StandardCharsets.UTF_8));
			Files.delete(this.out);
			Files.delete(this.err);
			return run;
		}

	}

	/**
	 * What a pm process did.
	 *
	 * @param exitCode its exit code
	 * @param out its standard output
	 * @param err its standard error
	 */
	record Run(int exitCode, String out, String err) {
	}

}
