package dev.pm.bench;

import java.time.Duration;

/**
 * How much work each scenario does: the full run behind {@code BENCHMARKS.md}, or a smoke
 * run that only proves every scenario still works.
 *
 * @param round how long one timed round runs
 * @param warmups rounds run first and discarded
 * @param rounds rounds measured
 * @param rows rows in the table the point reads look up
 * @param batchRows rows of the batch insert
 * @param threads threads of the concurrency scenario
 * @param startupRounds child JVMs per start-up case
 * @param largeDatabaseBytes size of the large database of the start-up scenario
 * @param planTasks tasks in the plan of the pm commands scenario (a multiple of 100)
 * @param replicationSegments segments (one a second) in the replica the restore scenario
 * restores from
 * @param walRun how long the mixed run of the {@code -wal} size scenario takes
 * @author pm-db
 */
public record Sizes(Duration round, int warmups, int rounds, int rows, int batchRows, int threads, int startupRounds,
		long largeDatabaseBytes, int planTasks, int replicationSegments, Duration walRun) {

	/**
	 * Return the sizes of the full run.
	 * @return the full sizes
	 */
	public static Sizes full() {
		// -Dbench.large-database-mb=1024 for the 1 GB start-up check.
		long largeMegabytes = Long.getLong("bench.large-database-mb", 100);
		// -Dbench.replication-segments=86400 for a whole day of segments.
		int segments = Integer.getInteger("bench.replication-segments", 3600);
		return new Sizes(Duration.ofMillis(500), 4, 11, 10_000, 100_000, 8, 5, largeMegabytes * 1024 * 1024, 10_000,
				segments, Duration.ofMinutes(Long.getLong("bench.wal-minutes", 10)));
	}

	/**
	 * Return tiny sizes that run every scenario once, in seconds.
	 * @return the smoke sizes
	 */
	public static Sizes smoke() {
		return new Sizes(Duration.ofMillis(50), 0, 1, 100, 1_000, 8, 1, 1024 * 1024, 1_000, 20, Duration.ofSeconds(2));
	}

	/**
	 * Return the schedule of rounds.
	 * @return the rounds
	 */
	public Rounds schedule() {
		return new Rounds(this.warmups, this.rounds);
	}

}
