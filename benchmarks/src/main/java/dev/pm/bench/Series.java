package dev.pm.bench;

import java.util.Arrays;

/**
 * One variant's measurements over the measured rounds, higher is better unless the unit
 * says otherwise, with the failed transactions counted over all of them.
 *
 * @param variant what was measured
 * @param unit the unit of the values
 * @param values one value per round
 * @param failures failed transactions over all measured rounds
 * @author pm-db
 */
public record Series(String variant, String unit, double[] values, long failures) {

	/**
	 * Return the median of the values.
	 * @return the median
	 */
	public double median() {
		return median(this.values);
	}

	/**
	 * Return the smallest value.
	 * @return the minimum
	 */
	public double min() {
		return Arrays.stream(this.values).min().orElse(Double.NaN);
	}

	/**
	 * Return the largest value.
	 * @return the maximum
	 */
	public double max() {
		return Arrays.stream(this.values).max().orElse(Double.NaN);
	}

	/**
	 * Return the ratio of this series to another, round by round: each round ran both
	 * variants back to back, so a round's ratio cancels drift between rounds.
	 * @param baseline the series to divide by
	 * @return one ratio per round
	 */
	public double[] ratioTo(Series baseline) {
		int rounds = Math.min(this.values.length, baseline.values.length);
		double[] ratios = new double[rounds];
		for (int i = 0; i < rounds; i++) {
			ratios[i] = this.values[i] / baseline.values[i];
		}
		return ratios;
	}

	static double median(double[] values) {
		if (values.length == 0) {
			return Double.NaN;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}
