package dev.pm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pm.bench.Rounds.Sample;
import dev.pm.bench.Rounds.Variant;

/**
 * Scenario 9: whole-process wall time of {@code pm} commands through the launcher with
 * the pm server, beside today's launcher (a build of the sample app before the server,
 * {@code -Dpm.baseline.target=…/sample-app/target}) in the same rounds; then 8 agents
 * each running a mix of commands at once on one database, with each launcher. Skipped,
 * with a note, unless both builds are there.
 *
 * @author pm-db
 */
public final class PmServerWallTime implements Scenario {

	private static final int TASKS = 200;

	static final int AGENTS = 8;

	private static final Pattern CLAIMED = Pattern.compile("Claimed (T-\\S+)");

	private static final String SPRING_BOOT_ALONE = "an empty Spring Boot application, with its own archive";

	private final Path sampleAppTarget;

	private final Path baselineTarget;

	private final Path jdk25;

	/**
	 * Create the scenario.
	 * @param sampleAppTarget the sample app's {@code target} directory
	 * @param baselineTarget the {@code target} directory of today's launcher, or
	 * {@code null}
	 * @param jdk25 a JDK 25 home to run the launcher without a server on too, or
	 * {@code null}
	 */
	public PmServerWallTime(Path sampleAppTarget, Path baselineTarget, Path jdk25) {
		this.sampleAppTarget = sampleAppTarget;
		this.baselineTarget = baselineTarget;
		this.jdk25 = jdk25;
	}

	@Override
	public String name() {
		return "server";
	}

	@Override
	public ScenarioResult run(Workspace workspace, Sizes sizes) throws Exception {
		String title = "9. pm through the server, whole process, " + TASKS + " tasks (lower is better)";
		Path launcher = this.sampleAppTarget.resolve("pm");
		if (this.baselineTarget == null || !Files.isRegularFile(this.baselineTarget.resolve("pm"))
				|| !Files.isRegularFile(this.sampleAppTarget.resolve("pm-app/pm-client.jar"))) {
			return new ScenarioResult(title, List.of(), List.of(), List.of("skipped: needs the sample app built ("
					+ launcher.toAbsolutePath() + ") and today's launcher, -Dpm.baseline.target=…/sample-app/target"));
		}
		Path baseline = this.baselineTarget.resolve("pm");
		Path plan = plan(workspace, launcher);
		Pm today = new Pm(baseline, copy(plan, workspace, "today"), workspace, Map.of());
		Pm server = new Pm(launcher, copy(plan, workspace, "server"), workspace, Map.of("PM_SERVER", "on"));
		Pm cold = new Pm(launcher, copy(plan, workspace, "cold"), workspace, Map.of("PM_SERVER", "off"));
		Pm first = new Pm(launcher, copy(plan, workspace, "first"), workspace, Map.of("PM_SERVER", "on"));
		List<Variant> variants = new ArrayList<>(List.of(today.variant("today's launcher: task list", "task", "list"),
				server.variant("server: task list", "task", "list"),
				today.variant("today's launcher: task claim", "task", "claim", "--agent", "bench"),
				server.variant("server: task claim", "task", "claim", "--agent", "bench"),
				cold.variant("no server (PM_SERVER=off), JDK 17: task list", "task", "list"),
				first.firstCommand("first command, which starts the server: task list", "task", "list"),
				server.variant("server: --help", "--help"), server.failing("server: usage error", "task", "bogus"),
				new Variant("JVM alone (empty main)", "ms", () -> new Sample(
						ChildProcess.run(ChildProcess.javaCommand(StartupProbe.class), Map.of(), null).wallNanos()
								/ 1e6,
						0))));
		// The floor under the cold path: Spring Boot's own start, run as the launcher
		// runs pm.
		variants.add(SpringBootAlone.trained(null, workspace).variant(SPRING_BOOT_ALONE + ", JDK 17", workspace));
		if (this.jdk25 != null) {
			Pm cold25 = new Pm(launcher, copy(plan, workspace, "cold25"), workspace,
					Map.of("PM_SERVER", "off", "JAVA_HOME", this.jdk25.toString()));
			variants.add(cold25.variant("no server (PM_SERVER=off), JDK 25: task list", "task", "list"));
			variants
				.add(SpringBootAlone.trained(this.jdk25, workspace).variant(SPRING_BOOT_ALONE + ", JDK 25", workspace));
		}
		try {
			// Without a running server, a command runs in its own process.
			server.run("server", "start");
			List<Series> series = new Rounds(2, sizes.startupRounds() * 3).run(variants);
			List<Check> checks = new ArrayList<>();
			checks.add(Check.under("server: task list (ms)", find(series, "server: task list").values(), 100));
			checks.add(Check.under("server: task claim (ms)", find(series, "server: task claim").values(), 100));
			checks.add(Check.under("no server, JDK 17: task list (ms)",
					find(series, "no server (PM_SERVER=off), JDK 17: task list").values(), 800));
			checks.add(
					Check
						.atLeast("first command: today's launcher / first command through a new server",
								new double[] { find(series, "today's launcher: task list").median()
										/ find(series, "first command, which starts the server: task list").median() },
								1));
			if (this.jdk25 != null) {
				checks.add(Check.under("no server, JDK 25: task list (ms)",
						find(series, "no server (PM_SERVER=off), JDK 25: task list").values(), 500));
			}
			int commands = Integer.getInteger("bench.agent-commands", (sizes.rounds() > 1) ? 100 : 4);
			Agents todayAgents = new Pm(baseline, copy(plan, workspace, "agents-today"), workspace, Map.of())
				.agents(commands);
			Pm serverAgentsPm = new Pm(launcher, copy(plan, workspace, "agents-server"), workspace,
					Map.of("PM_SERVER", "on"));
			serverAgentsPm.run("server", "start");
			Agents serverAgents;
			try {
				serverAgents = serverAgentsPm.agents(commands);
			}
			finally {
				serverAgentsPm.run("server", "stop");
			}
			series = new ArrayList<>(series);
			series.add(new Series("today's launcher: " + AGENTS + " agents x " + commands + " commands, total", "ms",
					new double[] { todayAgents.wallMillis() }, todayAgents.failures()));
			series.add(new Series("server: " + AGENTS + " agents x " + commands + " commands, total", "ms",
					new double[] { serverAgents.wallMillis() }, serverAgents.failures()));
			checks.add(Check.atLeast("agents: today's total / server's total",
					new double[] { todayAgents.wallMillis() / serverAgents.wallMillis() }, 5));
			checks.add(Check.under("agents: failed commands and writes missing (server)",
					new double[] { serverAgents.failures() + serverAgents.missing() }, 0.5));
			return new ScenarioResult(title, series, checks,
					List.of("whole-process wall time of one launcher run (sh " + launcher
							+ " …) with PM_DB_PATH in the " + "workspace; today's launcher is " + baseline
							+ "; with the server, the server runs "
							+ "(started before the rounds); each agent repeats list, show, claim, complete; "
							+ "writes are checked in the database afterwards; the empty Spring Boot application "
							+ "(no auto-configuration, no bean) runs with C1 only and a class-data archive trained "
							+ "for it, as the launcher runs pm: the floor of a Spring Boot cold start here"));
		}
		finally {
			server.run("server", "stop");
			first.run("server", "stop");
		}
	}

	private static Series find(List<Series> series, String name) {
		return series.stream().filter((each) -> each.variant().equals(name)).findFirst().orElseThrow();
	}

	/** A database of one epic, 4 features and {@value #TASKS} todo tasks. */
	static Path plan(Workspace workspace, Path launcher) throws Exception {
		Path database = workspace.newDatabase("server-plan");
		Pm pm = new Pm(launcher, database, workspace, Map.of("PM_SERVER", "off"));
		List<String> importing = new ArrayList<>(List.of("task", "import"));
		Path documents = Files.createDirectories(workspace.directory().resolve("server-documents"));
		for (int task = 1; task <= TASKS; task++) {
			String feature = "E01-F%02d".formatted(task % 4 + 1);
			Path document = documents.resolve(task + ".md");
			Files.writeString(document, """
					---
					task_key: T-%s-%03d
					status: todo
					feature: plan/E01-bench/%s-feature
					priority: %d
					---
					# Task %d
					""".formatted(feature, task, feature, task % 10 + 1, task));
			importing.add(document.toString());
		}
		pm.run(importing.toArray(String[]::new));
		return database;
	}

	static Path copy(Path database, Workspace workspace, String name) throws IOException {
		return Files.copy(database, workspace.newDatabase(name), StandardCopyOption.REPLACE_EXISTING);
	}

	/** One launcher on one database. */
	record Pm(Path launcher, Path database, Workspace workspace, Map<String, String> settings) {

		ChildProcess run(String... args) throws IOException, InterruptedException {
			List<String> command = new ArrayList<>(List.of("sh", this.launcher.toAbsolutePath().toString()));
			command.addAll(List.of(args));
			return ChildProcess.run(command, environment(), this.workspace.directory());
		}

		Variant variant(String name, String... args) {
			return new Variant(name, "ms", () -> new Sample(run(args).wallNanos() / 1e6, 0));
		}

		/**
		 * A command run when no server runs: it runs in its own process and then has a
		 * server started in the background, which is stopped again, outside the time
		 * measured, before the next variant runs.
		 */
		Variant firstCommand(String name, String... args) {
			return new Variant(name, "ms", () -> {
				double millis = run(args).wallNanos() / 1e6;
				run("server", "stop");
				return new Sample(millis, 0);
			});
		}

		/** A command that fails (a usage error, exit 2): its wall time all the same. */
		Variant failing(String name, String... args) {
			return new Variant(name, "ms", () -> {
				List<String> command = new ArrayList<>(List.of("sh", this.launcher.toAbsolutePath().toString()));
				command.addAll(List.of(args));
				ProcessBuilder builder = new ProcessBuilder(command).directory(this.workspace.directory().toFile())
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.redirectError(ProcessBuilder.Redirect.DISCARD);
				builder.environment().putAll(environment());
				long start = System.nanoTime();
				int exitCode = builder.start().waitFor();
				return new Sample((System.nanoTime() - start) / 1e6, (exitCode == 2) ? 0 : 1);
			});
		}

		Map<String, String> environment() {
			Map<String, String> environment = new HashMap<>(this.settings);
			environment.put("PM_DB_PATH", this.database.toString());
			environment.put("PM_SERVER_DIR", this.workspace.directory().resolve("servers").toString());
			return environment;
		}

		Agents agents(int commands) throws Exception {
			AtomicLong failures = new AtomicLong();
			List<Double> commandMillis = Collections.synchronizedList(new ArrayList<>());
			ExecutorService agents = Executors.newFixedThreadPool(AGENTS);
			List<Future<List<String>>> completed = new ArrayList<>();
			long start = System.nanoTime();
			for (int agent = 1; agent <= AGENTS; agent++) {
				String name = "agent-" + agent;
				completed.add(agents.submit(() -> agent(name, commands, failures, commandMillis)));
			}
			List<String> completions = new ArrayList<>();
			for (Future<List<String>> each : completed) {
				completions.addAll(each.get());
			}
			long wall = System.nanoTime() - start;
			agents.shutdown();
			String list = run("task", "list", "--status", "ready_for_review", "--json").output();
			long missing = completions.stream().filter((key) -> !list.contains("\"" + key + "\"")).count();
			return new Agents(wall / 1e6, failures.get(), missing,
					commandMillis.stream().mapToDouble(Double::doubleValue).toArray());
		}

		private List<String> agent(String name, int commands, AtomicLong failures, List<Double> commandMillis) {
			List<String> completed = new ArrayList<>();
			String claimed = null;
			for (int i = 0; i < commands; i++) {
				try {
					ChildProcess command = switch (i % 4) {
						case 0 -> run("task", "list");
						case 1 -> run("task", "show", (claimed != null) ? claimed : "T-E01-F01-004");
						case 2 -> {
							ChildProcess claim = run("task", "claim", "--agent", name);
							Matcher key = CLAIMED.matcher(claim.output());
							claimed = key.find() ? key.group(1) : null;
							yield claim;
						}
						default -> {
							if (claimed == null) {
								yield null;
							}
							ChildProcess complete = run("task", "complete", claimed);
							completed.add(claimed);
							yield complete;
						}
					};
					if (command != null) {
						commandMillis.add(command.wallNanos() / 1e6);
					}
				}
				catch (IOException | InterruptedException ex) {
					failures.incrementAndGet();
				}
			}
			return completed;
		}

	}

	/**
	 * What the agents did.
	 *
	 * @param wallMillis from the first command to the last
	 * @param failures commands that failed
	 * @param missing completions acknowledged but not in the database
	 * @param commandMillis the wall time of each command
	 */
	record Agents(double wallMillis, long failures, long missing, double[] commandMillis) {
	}

}
