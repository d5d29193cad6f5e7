package dev.pm.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the variants of a scenario in interleaved rounds: every round runs each variant
 * once, in an order that alternates between rounds, so that drift of the machine (caches,
 * page cache, JIT, other load) hits every variant alike. Warm-up rounds run the same way
 * and are discarded.
 *
 * @author pm-db
 */
public final class Rounds {

	private final int warmups;

	private final int rounds;

	/**
	 * Create a schedule.
	 * @param warmups rounds run first and discarded
	 * @param rounds rounds measured
	 */
	public Rounds(int warmups, int rounds) {
		this.warmups = warmups;
		this.rounds = rounds;
	}

	/**
	 * Run the variants.
	 * @param variants what to measure
	 * @return one series per variant, in the given order
	 * @throws Exception if a round fails
	 */
	public List<Series> run(List<Variant> variants) throws Exception {
		List<List<Sample>> samples = new ArrayList<>();
		variants.forEach((variant) -> samples.add(new ArrayList<>()));
		for (int round = 0; round < this.warmups + this.rounds; round++) {
			for (int i = 0; i < variants.size(); i++) {
				int index = (round % 2 == 0) ? i : variants.size() - 1 - i;
				Sample sample = variants.get(index).round().run();
				if (round >= this.warmups) {
					samples.get(index).add(sample);
				}
			}
		}
		List<Series> series = new ArrayList<>();
		for (int i = 0; i < variants.size(); i++) {
			List<Sample> measured = samples.get(i);
			series.add(new Series(variants.get(i).name(), variants.get(i).unit(),
					measured.stream().mapToDouble(Sample::value).toArray(),
					measured.stream().mapToLong(Sample::failures).sum()));
		}
		return series;
	}

	/**
	 * Run an operation over and over for a while, one call per transaction.
	 * @param duration how long
	 * @param operation the operation, given a running number
	 * @return the operations per second
	 */
	public static Sample timed(Duration duration, Operation operation) {
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		long count = 0;
		long now;
		do {
			operation.run(count++);
			now = System.nanoTime();
		}
		while (now < end);
		return new Sample(count * 1e9 / (now - start), 0);
	}

	/**
	 * One round of one variant.
	 */
	@FunctionalInterface
	public interface Round {

		/**
		 * Run the round.
		 * @return its measurement
		 * @throws Exception if it fails
		 */
		Sample run() throws Exception;

	}

	/**
	 * One transaction of a timed round.
	 */
	@FunctionalInterface
	public interface Operation {

		/**
		 * Run the transaction.
		 * @param n a running number
		 */
		void run(long n);

	}

	/**
	 * A variant of a scenario.
	 *
	 * @param name what it is
	 * @param unit the unit of its measurement
	 * @param round one round of it
	 */
	public record Variant(String name, String unit, Round round) {
	}

	/**
	 * One round's measurement.
	 *
	 * @param value the value
	 * @param failures failed transactions in the round
	 */
	public record Sample(double value, long failures) {
	}

}
