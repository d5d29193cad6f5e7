package dev.pm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.pm.bench.Rounds.Sample;
import dev.pm.bench.Rounds.Variant;

/**
 * Scenario 6: the work of {@code pm} commands on a plan of many tasks with dependencies,
 * in the process (no JVM or Spring start-up): {@code task list} of every task and
 * filtered, {@code task next}, {@code task claim} and {@code epic list} with progress.
 * Each value is the mean wall time of one command over a round, output formatted and
 * discarded. Skipped, with a note, when the sample app is not built.
 * <p>
 * The plan: 10 epics × 10 features × {@code planTasks / 100} tasks, imported from
 * documents. In each feature a fifth of the tasks are completed, some in progress and
 * blocked, the rest todo; the second half of the tasks depend on the first half, so about
 * two fifths are available and the others wait.
 *
 * @author pm-db
 */
public final class PlanWork implements Scenario {

	/** What "a few milliseconds at most" is taken to be, per command. */
	static final double TARGET_MILLIS = 5;

	private final Path sampleAppTarget;

	/**
	 * Create the scenario.
	 * @param sampleAppTarget the sample app's {@code target} directory, holding
	 * {@code pm-app/}
	 */
	public PlanWork(Path sampleAppTarget) {
		this.sampleAppTarget = sampleAppTarget;
	}

	@Override
	public String name() {
		return "plan";
	}

	@Override
	public ScenarioResult run(Workspace workspace, Sizes sizes) throws Exception {
		String title = "6. pm commands in the process, " + sizes.planTasks() + " tasks (lower is better)";
		Path extracted = this.sampleAppTarget.resolve("pm-app");
		if (!Files.isRegularFile(extracted.resolve("pm.jar"))) {
			return new ScenarioResult(title, List.of(), List.of(),
					List.of("skipped: " + extracted.toAbsolutePath() + " is missing; build it with"
							+ " `./mvnw -q -B -pl sample-app -am package -DskipTests` and run again"));
		}
		int perFeature = sizes.planTasks() / 100;
		try (PmInProcess pm = PmInProcess.load(extracted, workspace.newDatabase("plan"))) {
			List<String> importing = new ArrayList<>(List.of("task", "import"));
			for (Path document : documents(workspace.directory().resolve("plan-documents"), perFeature)) {
				importing.add(document.toString());
			}
			pm.run(importing.toArray(String[]::new));
			requireCount(pm.output("task", "list", "--json", "--all"), sizes.planTasks());
			String filter = "E05-F05";
			List<Series> series = sizes.schedule()
				.run(List.of(variant("task list (every task, table)", sizes, () -> pm.run("task", "list")),
						variant("task list --json (every task)", sizes, () -> pm.run("task", "list", "--json")),
						variant("task list --feature " + filter + " --status todo", sizes,
								() -> pm.run("task", "list", "--feature", filter, "--status", "todo")),
						variant("task next", sizes, () -> pm.run("task", "next")),
						variant("task claim", sizes, () -> pm.run("task", "claim", "--agent", "bench")),
						variant("epic list (progress by status)", sizes, () -> pm.run("epic", "list"))));
			List<Check> checks = new ArrayList<>();
			for (Series each : series) {
				if (!each.variant().startsWith("task list (every") && !each.variant().startsWith("task list --json")) {
					checks.add(Check.under(each.variant() + " (ms)", each.values(), TARGET_MILLIS));
				}
			}
			return new ScenarioResult(title, series, checks,
					List.of("one command = picocli parsing, the transaction, the queries and the output (to a null "
							+ "writer), through the CLI's own entry point in this JVM; the database is a file in the "
							+ "workspace (WAL, synchronous=full); listing every task formats " + sizes.planTasks()
							+ " rows and has no target"));
		}
	}

	private static Variant variant(String name, Sizes sizes, Runnable command) {
		return new Variant(name, "ms", () -> {
			long start = System.nanoTime();
			int calls = 0;
			long end = start + sizes.round().toNanos();
			long now;
			do {
				command.run();
				calls++;
				now = System.nanoTime();
			}
			while (now < end);
			return new Sample((now - start) / 1e6 / calls, 0);
		});
	}

	/**
	 * The documents of the plan: one a task, named after their feature's folder as pm
	 * expects.
	 */
	private static List<Path> documents(Path root, int perFeature) throws IOException {
		List<Path> documents = new ArrayList<>();
		for (int epic = 1; epic <= 10; epic++) {
			for (int feature = 1; feature <= 10; feature++) {
				String featureKey = "E%02d-F%02d".formatted(epic, feature);
				Path folder = Files
					.createDirectories(root.resolve("E%02d-epic".formatted(epic)).resolve(featureKey + "-feature"));
				for (int task = 1; task <= perFeature; task++) {
					documents.add(Files.writeString(folder.resolve(task + ".md"),
							document(featureKey, task, perFeature, folder)));
				}
			}
		}
		return documents;
	}

	private static String document(String feature, int task, int perFeature, Path folder) {
		String status = status(task, perFeature);
		String dependency = (task > perFeature / 2)
				? "\ndependencies:\n  - T-%s-%03d".formatted(feature, task - perFeature / 2) : "";
		return """
				---
				task_key: T-%s-%03d
				status: %s
				feature: %s
				priority: %d
				created: 2026-01-%02d%s
				---
				# Task %d of %s
				""".formatted(feature, task, status, folder, task * 7 % 10 + 1, task % 28 + 1, dependency, task,
				feature);
	}

	/** A fifth completed, a twentieth in progress, a few blocked, the rest todo. */
	private static String status(int task, int perFeature) {
		if (task <= perFeature / 5) {
			return "completed";
		}
		if (task <= perFeature / 4) {
			return "in_progress";
		}
		if (task <= perFeature / 4 + 3) {
			return "blocked";
		}
		return "todo";
	}

	private static void requireCount(String json, int tasks) {
		if (!json.contains("\"count\" : " + tasks)) {
			throw new IllegalStateException(
					"The plan does not hold " + tasks + " tasks: " + json.substring(Math.max(0, json.length() - 200)));
		}
	}

}
