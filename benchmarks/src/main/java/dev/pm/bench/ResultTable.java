package dev.pm.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Prints results as the Markdown tables of {@code BENCHMARKS.md}: every series with its
 * median and spread, then every check against its target.
 *
 * @author pm-db
 */
final class ResultTable {

	private ResultTable() {
	}

	static void print(List<ScenarioResult> results, PrintStream out) {
		out.println("| scenario | variant | median | spread (min – max) | failed tx |");
		out.println("|---|---|---:|---:|---:|");
		for (ScenarioResult result : results) {
			for (Series series : result.series()) {
				out.println("| " + result.name() + " | " + series.variant() + " | " + format(series.median()) + " "
						+ series.unit() + " | " + format(series.min()) + " – " + format(series.max()) + " | "
						+ series.failures() + " |");
			}
		}
		out.println();
		out.println("| check | median | spread (min – max) | target | met |");
		out.println("|---|---:|---:|---:|:---:|");
		for (ScenarioResult result : results) {
			for (Check check : result.checks()) {
				double[] range = check.range();
				String target = !check.hasTarget() ? "(reported)"
						: (check.atLeast() ? "≥ " : "< ") + format(check.target());
				out.println("| " + check.label() + " | " + format(check.median()) + " | " + format(range[0]) + " – "
						+ format(range[1]) + " | " + target + " | "
						+ (!check.hasTarget() ? "–" : check.met() ? "yes" : "**no**") + " |");
			}
		}
		out.println();
		for (ScenarioResult result : results) {
			for (String note : result.notes()) {
				out.println("- " + result.name() + ": " + note);
			}
		}
	}

	static String format(double value) {
		if (Double.isNaN(value)) {
			return "–";
		}
		if (Math.abs(value) >= 1000) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		if (Math.abs(value) >= 100) {
			return String.format(Locale.ROOT, "%.0f", value);
		}
		if (Math.abs(value) >= 10) {
			return String.format(Locale.ROOT, "%.1f", value);
		}
		return String.format(Locale.ROOT, "%.2f", value);
	}

}
