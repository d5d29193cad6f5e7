package dev.pm.bench;

import java.util.Arrays;

/**
 * Durations of single operations recorded on one thread, for percentiles: a growing array
 * of nanoseconds, cheap enough to record every transaction of a round.
 *
 * @author pm-db
 */
final class Latencies {

	private long[] nanos = new long[1024];

	private int count;

	void record(long elapsedNanos) {
		if (this.count == this.nanos.length) {
			this.nanos = Arrays.copyOf(this.nanos, this.count * 2);
		}
		this.nanos[this.count++] = elapsedNanos;
	}

	void addAll(Latencies other) {
		for (int i = 0; i < other.count; i++) {
			record(other.nanos[i]);
		}
	}

	int count() {
		return this.count;
	}

	/**
	 * Return a percentile in milliseconds ({@code 100} for the maximum); {@code NaN} when
	 * nothing was recorded.
	 */
	double percentileMillis(double percentile) {
		if (this.count == 0) {
			return Double.NaN;
		}
		long[] sorted = Arrays.copyOf(this.nanos, this.count);
		Arrays.sort(sorted);
		int index = (int) Math.min(this.count - 1, Math.ceil(percentile / 100 * this.count) - 1);
		return sorted[Math.max(0, index)] / 1e6;
	}

}
