package dev.pm.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.pm.bench.Rounds.Sample;
import dev.pm.bench.Rounds.Variant;

/**
 * Scenario 5b: whole-process wall time of {@code pm task list} in the sample app, on an
 * up-to-date database, beside a JVM that starts and does nothing. Skipped, with a note,
 * when the sample app is not built.
 *
 * @author pm-db
 */
public final class ProcessStartup implements Scenario {

	private final Path sampleAppTarget;

	/**
	 * Create the scenario.
	 * @param sampleAppTarget the sample app's {@code target} directory, holding
	 * {@code pm.jar} and its launcher {@code pm}
	 */
	public ProcessStartup(Path sampleAppTarget) {
		this.sampleAppTarget = sampleAppTarget;
	}

	@Override
	public String name() {
		return "process";
	}

	@Override
	public ScenarioResult run(Workspace workspace, Sizes sizes) throws Exception {
		String title = "5b. start-up: whole process (lower is better)";
		Path jar = this.sampleAppTarget.resolve("pm.jar");
		if (!Files.isRegularFile(jar)) {
			return new ScenarioResult(title, List.of(), List.of(),
					List.of("skipped: " + jar.toAbsolutePath() + " is missing; build it with"
							+ " `./mvnw -q -B -pl sample-app -am package -DskipTests` and run again"));
		}
		List<String> pmCommand = pmCommand(jar);
		// A cold start: without the pm server (scenario 9 measures it).
		Map<String, String> environment = Map.of("PM_DB_PATH", workspace.newDatabase("pm-cli").toString(), "HOME",
				workspace.directory().toString(), "PM_SERVER", "off");
		List<String> noop = ChildProcess.javaCommand(StartupProbe.class);
		// The first `pm` run creates the database: a warm-up round, as every later run
		// finds it up to date.
		List<Series> series = new Rounds(1, sizes.startupRounds()).run(List.of(
				new Variant("pm task list, up-to-date database", "ms",
						() -> wallMillis(pmCommand, environment, workspace)),
				new Variant("JVM alone (java -cp benchmarks StartupProbe, empty main)", "ms",
						() -> wallMillis(noop, Map.of(), workspace))));
		return new ScenarioResult(title, series, List.of(),
				List.of("command: " + String.join(" ", pmCommand) + ", PM_DB_PATH in the workspace"));
	}

	private List<String> pmCommand(Path jar) {
		Path launcher = this.sampleAppTarget.resolve("pm");
		List<String> command = new ArrayList<>();
		if (Files.isRegularFile(launcher)) {
			command.addAll(List.of("sh", launcher.toAbsolutePath().toString()));
		}
		else {
			command.addAll(List.of(ChildProcess.javaExecutable(), "-jar", jar.toAbsolutePath().toString()));
		}
		command.addAll(List.of("task", "list"));
		return command;
	}

	private static Sample wallMillis(List<String> command, Map<String, String> environment, Workspace workspace)
			throws Exception {
		return new Sample(ChildProcess.run(command, environment, workspace.directory()).wallNanos() / 1e6, 0);
	}

}
