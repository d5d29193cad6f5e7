package dev.pm.bench;

import java.util.Arrays;

/**
 * A number compared with its target: a ratio that must reach a minimum, or a time that
 * must stay under a maximum. Without a target it is reported only.
 *
 * @param label what is compared
 * @param values one value per round
 * @param target the bound, or {@code NaN} for none
 * @param atLeast whether the median must reach the bound (else stay under it)
 * @author pm-db
 */
public record Check(String label, double[] values, double target, boolean atLeast) {

	/**
	 * A ratio that must be at least {@code minimum}.
	 * @param label what is compared
	 * @param ratios one ratio per round
	 * @param minimum the target
	 * @return the check
	 */
	public static Check atLeast(String label, double[] ratios, double minimum) {
		return new Check(label, ratios, minimum, true);
	}

	/**
	 * A value that must stay under {@code maximum}.
	 * @param label what is compared
	 * @param values one value per round
	 * @param maximum the target
	 * @return the check
	 */
	public static Check under(String label, double[] values, double maximum) {
		return new Check(label, values, maximum, false);
	}

	/**
	 * A ratio reported without a target.
	 * @param label what is compared
	 * @param ratios one ratio per round
	 * @return the check
	 */
	public static Check report(String label, double[] ratios) {
		return new Check(label, ratios, Double.NaN, true);
	}

	/**
	 * Return the median over the rounds.
	 * @return the median
	 */
	public double median() {
		return Series.median(this.values);
	}

	/**
	 * Return whether the check has a target.
	 * @return {@code true} unless reported only
	 */
	public boolean hasTarget() {
		return !Double.isNaN(this.target);
	}

	/**
	 * Return whether the median meets the target; always {@code true} without one.
	 * @return whether the target is met
	 */
	public boolean met() {
		if (!hasTarget()) {
			return true;
		}
		return this.atLeast ? median() >= this.target : median() < this.target;
	}

	/**
	 * Return the smallest and largest value, for the spread.
	 * @return the minimum and maximum
	 */
	double[] range() {
		return new double[] { Arrays.stream(this.values).min().orElse(Double.NaN),
				Arrays.stream(this.values).max().orElse(Double.NaN) };
	}

}
