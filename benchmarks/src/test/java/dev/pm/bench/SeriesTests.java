package dev.pm.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness's arithmetic: medians, spreads and per-round ratios.
 *
 * @author pm-db
 */
class SeriesTests {

	@Test
	void medianOfAnOddNumberOfRoundsIsTheMiddleValue() {
		assertThat(new Series("a", "tx/s", new double[] { 5, 1, 3 }, 0).median()).isEqualTo(3);
	}

	@Test
	void medianOfAnEvenNumberOfRoundsIsTheMeanOfTheMiddleValues() {
		assertThat(new Series("a", "tx/s", new double[] { 4, 1, 3, 2 }, 0).median()).isEqualTo(2.5);
	}

	@Test
	void spreadIsTheSmallestAndLargestValue() {
		Series series = new Series("a", "tx/s", new double[] { 4, 1, 3 }, 0);
		assertThat(series.min()).isEqualTo(1);
		assertThat(series.max()).isEqualTo(4);
	}

	@Test
	void ratiosAreTakenRoundByRound() {
		Series starter = new Series("starter", "tx/s", new double[] { 90, 200 }, 0);
		Series raw = new Series("raw", "tx/s", new double[] { 100, 200 }, 0);
		assertThat(starter.ratioTo(raw)).containsExactly(0.9, 1.0);
	}

	@Test
	void aMinimumIsMetByAMedianAtTheTarget() {
		assertThat(Check.atLeast("ratio", new double[] { 0.8, 0.9, 1.0 }, 0.9).met()).isTrue();
		assertThat(Check.atLeast("ratio", new double[] { 0.8, 0.89, 1.0 }, 0.9).met()).isFalse();
	}

	@Test
	void aMaximumIsMetOnlyByAMedianBelowIt() {
		assertThat(Check.under("ms", new double[] { 49 }, 50).met()).isTrue();
		assertThat(Check.under("ms", new double[] { 50 }, 50).met()).isFalse();
	}

	@Test
	void aReportedRatioHasNoTarget() {
		Check check = Check.report("ratio", new double[] { 0.1 });
		assertThat(check.hasTarget()).isFalse();
		assertThat(check.met()).isTrue();
	}

}
