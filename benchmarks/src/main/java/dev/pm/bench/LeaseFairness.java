package dev.pm.bench;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.pm.bench.Rounds.Sample;
import dev.pm.bench.Rounds.Variant;

/**
 * Scenario 10: many threads (200 in the full run) running short write transactions for 30
 * s, each round in a child JVM, on this build's connection lease and, with
 * {@code -Dpm.baseline.classes=DIR} (the {@code target/classes} of
 * {@code pm-db-autoconfigure} built at an earlier commit), on that build's, in the same
 * rounds. Targets: no timeout, the longest wait at most twice the holds of every other
 * thread (threads × mean hold × 2), throughput at least 0.9 × the baseline's.
 *
 * @author pm-db
 */
public final class LeaseFairness implements Scenario {

	private final Path baselineClasses;

	/**
	 * Create the scenario.
	 * @param baselineClasses the baseline build's classes of pm-db-autoconfigure, or
	 * {@code null} to measure this build only
	 */
	public LeaseFairness(Path baselineClasses) {
		this.baselineClasses = baselineClasses;
	}

	@Override
	public String name() {
		return "fairness";
	}

	@Override
	public ScenarioResult run(Workspace workspace, Sizes sizes) throws Exception {
		boolean full = sizes.rounds() > 1;
		int threads = full ? 200 : 20;
		double seconds = full ? 30 : 0.5;
		int rounds = full ? 3 : 1;
		List<Run> runs = new ArrayList<>(List.of(new Run("this build", null)));
		if (this.baselineClasses != null) {
			runs.add(new Run("baseline " + this.baselineClasses, this.baselineClasses));
		}
		List<Variant> variants = new ArrayList<>();
		List<String> notes = new ArrayList<>();
		List<List<Double>> limits = new ArrayList<>();
		for (Run run : runs) {
			List<Double> waitOverLimit = new ArrayList<>();
			limits.add(waitOverLimit);
			variants.add(new Variant(run.name + ", " + threads + " threads, write transactions", "tx/s", () -> {
				ChildProcess child = ChildProcess.run(run.command(workspace, threads, seconds), Map.of(), null);
				long timeouts = child.numbersAfter("timeouts ").get(0);
				long maxWait = child.numbersAfter("max-wait-us ").get(0);
				long maxWaitWarm = child.numbersAfter("max-wait-after-1s-us ").get(0);
				long meanHold = child.numbersAfter("mean-hold-us ").get(0);
				waitOverLimit.add(maxWait / (2.0 * threads * Math.max(1, meanHold)));
				notes.add(run.name + ": " + timeouts + " timeouts, longest wait " + maxWait / 1000 + " ms ("
						+ maxWaitWarm / 1000 + " ms after the first second), mean hold " + meanHold
						+ " µs (limit threads × mean hold × 2 = " + 2 * threads * meanHold / 1000 + " ms)");
				return new Sample(child.numbersAfter("tx/s ").get(0), timeouts);
			}));
		}
		List<Series> series = new Rounds(0, rounds).run(variants);
		List<Check> checks = new ArrayList<>();
		checks.add(Check.under("fairness: timeouts, this build", new double[] { series.get(0).failures() }, 1));
		checks.add(Check.under("fairness: longest wait / (threads × mean hold × 2), this build",
				limits.get(0).stream().mapToDouble(Double::doubleValue).toArray(), 1.0001));
		if (series.size() > 1) {
			checks.add(Check.atLeast("fairness: throughput this build / baseline", series.get(0).ratioTo(series.get(1)),
					0.9));
			checks.add(Check.report("fairness: longest wait / (threads × mean hold × 2), baseline",
					limits.get(1).stream().mapToDouble(Double::doubleValue).toArray()));
		}
		else {
			notes.add("no baseline: -Dpm.baseline.classes=DIR compares with an earlier build's lease");
		}
		return new ScenarioResult("10. connection lease under " + threads + " writing threads", series, checks, notes);
	}

	private record Run(String name, Path classesFirst) {

		List<String> command(Workspace workspace, int threads, double seconds) {
			List<String> command = new ArrayList<>(ChildProcess.javaCommand(LeaseFairnessRun.class));
			if (this.classesFirst != null) {
				int classPath = command.indexOf("-cp") + 1;
				command.set(classPath,
						this.classesFirst.toAbsolutePath() + File.pathSeparator + command.get(classPath));
			}
			String database = workspace.newDatabase("fairness-" + System.nanoTime()).toString();
			command.addAll(List.of(database, Integer.toString(threads), Double.toString(seconds)));
			return command;
		}

	}

}
