package dev.pm.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.pm.bench.PmServerWallTime.Agents;
import dev.pm.bench.PmServerWallTime.Pm;

/**
 * Scenario 16: {@value PmServerWallTime#AGENTS} agents running their commands through the
 * pm server while one client has stopped reading its output (its stdout a pipe nobody
 * reads, as a stuck pipe or a terminal stopped with Ctrl-S), beside the same agents
 * without it, in alternating rounds on fresh copies of one plan. The stalled client's
 * change is committed before its output is written, so the others should not notice it:
 * no failed command, and the median command as fast as without it.
 *
 * @author pm-db
 */
public final class StalledClient implements Scenario {

	private static final String STALLED_TASK = "T-E01-F01-999";

	private final Path sampleAppTarget;

	/**
	 * Create the scenario.
	 * @param sampleAppTarget the sample app's {@code target} directory
	 */
	public StalledClient(Path sampleAppTarget) {
		this.sampleAppTarget = sampleAppTarget;
	}

	@Override
	public String name() {
		return "stalled";
	}

	@Override
	public ScenarioResult run(Workspace workspace, Sizes sizes) throws Exception {
		String title = "16. " + PmServerWallTime.AGENTS + " agents beside a client that does not read its output"
				+ " (lower is better)";
		Path launcher = this.sampleAppTarget.resolve("pm");
		if (!Files.isRegularFile(this.sampleAppTarget.resolve("pm-app/pm-client.jar"))) {
			return new ScenarioResult(title, List.of(), List.of(),
					List.of("skipped: needs the sample app built (" + launcher.toAbsolutePath() + ")"));
		}
		Path plan = PmServerWallTime.plan(workspace, launcher);
		int rounds = (sizes.rounds() > 1) ? 3 : 1;
		int commands = Integer.getInteger("bench.agent-commands", (sizes.rounds() > 1) ? 100 : 4);
		List<Double> alone = new ArrayList<>();
		List<Double> beside = new ArrayList<>();
		long[] failures = new long[2];
		for (int round = 0; round < rounds * 2; round++) {
			boolean stalled = (round % 2 == 0) == (round / 2 % 2 == 0);
			Pm pm = new Pm(launcher, PmServerWallTime.copy(plan, workspace, "stalled-" + round), workspace,
					Map.of("PM_SERVER", "on", "PM_SERVER_OUTPUT_TIMEOUT", "1h"));
			pm.run("server", "start");
			Process stall = stalled ? stall(pm, launcher, workspace) : null;
			try {
				Agents agents = pm.agents(commands);
				for (double millis : agents.commandMillis()) {
					(stalled ? beside : alone).add(millis);
				}
				failures[stalled ? 1 : 0] += agents.failures() + agents.missing();
			}
			finally {
				if (stall != null) {
					stall.descendants().forEach(ProcessHandle::destroyForcibly);
					stall.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
				}
				pm.run("server", "stop");
			}
		}
		Series without = new Series("agents alone: one command", "ms", values(alone), failures[0]);
		Series with = new Series("agents beside a stalled client: one command", "ms", values(beside), failures[1]);
		List<Check> checks = List.of(
				Check.atLeast("median command alone / beside the stalled client",
						new double[] { without.median() / with.median() }, 1 / 1.2),
				Check.under("failed commands and writes missing beside the stalled client",
						new double[] { failures[1] }, 0.5));
		return new ScenarioResult(title, List.of(without, with), checks,
				List.of(rounds + " rounds each, alternating;" + " each agent repeats list, show, claim, complete, "
						+ commands + " commands; the stalled client runs"
						+ " '{ dd if=/dev/zero bs=65536 count=1; pm task add …; } | sleep 3600' (a full pipe), with"
						+ " PM_SERVER_OUTPUT_TIMEOUT=1h so that the server keeps it for the whole round"));
	}

	/**
	 * Starts a client whose standard output is a full pipe that nobody reads, and waits
	 * until its change is saved (it stalls after that, writing its output).
	 */
	private static Process stall(Pm pm, Path launcher, Workspace workspace) throws Exception {
		String command = "{ dd if=/dev/zero bs=65536 count=1 2>/dev/null; sh '" + launcher.toAbsolutePath()
				+ "' task add " + STALLED_TASK + " Stalled --feature E01-F01; } | sleep 3600";
		ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(workspace.directory().toFile())
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectError(ProcessBuilder.Redirect.DISCARD);
		builder.environment().putAll(pm.environment());
		Process stall = builder.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!pm.run("task", "list").output().contains(STALLED_TASK)) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the stalled client's change did not arrive within 60 s");
			}
			Thread.sleep(50);
		}
		return stall;
	}

	private static double[] values(List<Double> millis) {
		return millis.stream().mapToDouble(Double::doubleValue).toArray();
	}

}
