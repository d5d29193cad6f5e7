package dev.pm.bench;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.pm.bench.Rounds.Sample;
import dev.pm.bench.Rounds.Variant;
import dev.pm.db.RestoredDatabase;
import dev.pm.db.jdbc.SqliteDataSource;
import dev.pm.db.replication.ReplicaRestore;
import dev.pm.db.replication.ReplicationSettings;
import dev.pm.db.replication.Replicator;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scenario 15: what continuous replication costs. Single-row write transactions with
 * replication on (the default interval of 1 s) and off, at {@code synchronous=normal},
 * interleaved; the lag ({@code Replicator.status().lag()}, how much committed work may be
 * missing from the replica) sampled every 2 ms while the writer runs; and the time to
 * restore the large database from a snapshot and one segment a second, to a quarter of
 * the segments and to all of them, from which a day's restore is extrapolated.
 *
 * @author pm-db
 */
public final class ReplicationCost implements Scenario {

	/** Throughput with replication on, against off. */
	static final double TARGET = 0.90;

	private static final long SECONDS_A_DAY = 86_400;

	private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

	@Override
	public String name() {
		return "replication";
	}

	@Override
	public ScenarioResult run(Workspace workspace, Sizes sizes) throws Exception {
		List<Series> series = new ArrayList<>();
		List<Check> checks = new ArrayList<>();
		List<String> notes = new ArrayList<>();
		measureWrites(workspace, sizes, series, checks);
		measureRestore(workspace, sizes, series, notes);
		return new ScenarioResult("15. continuous replication", series, checks, notes);
	}

	private static void measureWrites(Workspace workspace, Sizes sizes, List<Series> series, List<Check> checks)
			throws Exception {
		Path replica = workspace.directory().resolve("replication-writes-replica");
		try (ConfigurableApplicationContext on = BenchmarkApplication.startStarter(
				workspace.newDatabase("replication-on"),
				Map.of("synchronous", "normal", "replication.target", replica.toString()));
				ConfigurableApplicationContext off = BenchmarkApplication
					.startStarter(workspace.newDatabase("replication-off"), Map.of("synchronous", "normal"))) {
			CountingItems replicated = new CountingItems(on.getBean(Items.class));
			CountingItems plain = new CountingItems(off.getBean(Items.class));
			Replicator replicator = on.getBean(Replicator.class);
			List<double[]> lags = new ArrayList<>();
			List<Series> measured = sizes.schedule()
				.run(List.of(new Variant("replication on (interval 1 s), synchronous=normal", "tx/s", () -> {
					LagSampler sampler = LagSampler.start(replicator);
					Sample sample = Rounds.timed(sizes.round(), replicated::insert);
					lags.add(sampler.finish());
					return sample;
				}), new Variant("replication off, synchronous=normal", "tx/s",
						() -> Rounds.timed(sizes.round(), plain::insert))));
			replicated.verify("replication on");
			plain.verify("replication off");
			verifyReplica(on, replicator, replica, workspace);
			series.addAll(measured);
			// The warm-up rounds' samples are left out, as their throughput is.
			List<double[]> measuredLags = lags.subList(lags.size() - measured.get(0).values().length, lags.size());
			series.add(new Series("lag under a steady writer, p50 (lower is better)", "ms",
					percentiles(measuredLags, 0.50), 0));
			series.add(new Series("lag under a steady writer, p99 (lower is better)", "ms",
					percentiles(measuredLags, 0.99), 0));
			checks.add(Check.atLeast("writes, synchronous=normal: replication on / off",
					measured.get(0).ratioTo(measured.get(1)), TARGET));
		}
	}

	// Checked work: the replica holds every row the writer committed.
	private static void verifyReplica(ConfigurableApplicationContext on, Replicator replicator, Path replica,
			Workspace workspace) {
		replicator.replicate();
		JdbcTemplate jdbc = on.getBean(JdbcTemplate.class);
		Integer rows = jdbc.queryForObject("SELECT count(*) FROM item", Integer.class);
		RestoredDatabase restored = new ReplicaRestore(replica, PRIVATE)
			.restore(workspace.newDatabase("replication-writes-restored"), Instant.now());
		try (ConfigurableApplicationContext check = BenchmarkApplication.startStarter(restored.path(), Map.of())) {
			Integer restoredRows = check.getBean(JdbcTemplate.class)
				.queryForObject("SELECT count(*) FROM item", Integer.class);
			if (rows == null || !rows.equals(restoredRows)) {
				throw new IllegalStateException("The database holds " + rows + " rows, its replica " + restoredRows);
			}
		}
	}

	private static void measureRestore(Workspace workspace, Sizes sizes, List<Series> series, List<String> notes)
			throws Exception {
		Path database = workspace.newDatabase("replication-restore");
		long bytes = InitializerStartup.fill(database, 5_000, sizes.largeDatabaseBytes());
		Path replica = workspace.directory().resolve("replication-restore-replica");
		int segments = sizes.replicationSegments();
		Instant start = Instant.parse("2026-12-01T00:00:00Z");
		// The replicator is driven by hand on a clock that advances a second per segment:
		// a day of segments is written in minutes, each a real commit of one row. Made by
		// hand, it is unknown to the upkeep, whose idle checkpoint (every 10 s) would
		// truncate the log under it and start a new generation: none.
		try (ConfigurableApplicationContext context = BenchmarkApplication.startStarter(database,
				Map.of("synchronous", "normal", "pragmas.wal_autocheckpoint", "0", "checkpoint-interval", "0"))) {
			SteppedClock clock = new SteppedClock(start);
			Replicator replicator = new Replicator(context.getBean(SqliteDataSource.class),
					new ReplicationSettings(replica, Duration.ofSeconds(1), Duration.ofDays(2), Duration.ofDays(7)),
					clock);
			replicator.replicate();
			CountingItems items = new CountingItems(context.getBean(Items.class));
			for (int i = 0; i < segments; i++) {
				items.insert(i);
				clock.advance(Duration.ofSeconds(1));
				replicator.replicate();
			}
			items.verify("replicated writer");
			if (replicator.status().segments() != segments || replicator.status().lastError() != null) {
				throw new IllegalStateException("Wrote " + replicator.status().segments() + " segments of " + segments
						+ ": " + replicator.status().lastError());
			}
			replicator.destroy();
		}
		int rounds = Math.max(1, sizes.startupRounds() - 2);
		int quarter = Math.max(1, segments / 4);
		double[] toQuarter = new double[rounds];
		double[] toAll = new double[rounds];
		for (int round = 0; round < rounds; round++) {
			toQuarter[round] = restoreMillis(replica, start.plusSeconds(quarter), workspace, "quarter-" + round);
			toAll[round] = restoreMillis(replica, start.plusSeconds(segments + 1), workspace, "all-" + round);
		}
		double[] day = new double[rounds];
		for (int round = 0; round < rounds; round++) {
			// Noise can make the longer restore the faster one in a tiny run: no negative
			// cost per segment.
			double perSegment = Math.max(0, (toAll[round] - toQuarter[round]) / (segments - quarter));
			day[round] = toQuarter[round] + perSegment * (SECONDS_A_DAY - quarter);
		}
		String size = Math.round(bytes / (1024.0 * 1024)) + " MB";
		series.add(
				new Series("restore of " + size + " + " + quarter + " segments (lower is better)", "ms", toQuarter, 0));
		series.add(new Series("restore of " + size + " + " + segments + " segments (lower is better)", "ms", toAll, 0));
		series
			.add(new Series("restore of " + size + " + 86,400 segments, extrapolated (lower is better)", "ms", day, 0));
		notes.add("restore: one snapshot of the " + size + " database, then one single-row segment a second;"
				+ " a day's restore is extrapolated from the time per segment between the two restores");
	}

	private static double restoreMillis(Path replica, Instant moment, Workspace workspace, String name) {
		long begin = System.nanoTime();
		RestoredDatabase restored = new ReplicaRestore(replica, PRIVATE)
			.restore(workspace.newDatabase("replication-restored-" + name), moment);
		double millis = (System.nanoTime() - begin) / 1e6;
		if (restored.problem() != null) {
			throw new IllegalStateException(restored.problem());
		}
		return millis;
	}

	private static double[] percentiles(List<double[]> rounds, double quantile) {
		return rounds.stream().mapToDouble((samples) -> {
			double[] sorted = samples.clone();
			Arrays.sort(sorted);
			return sorted[Math.min(sorted.length - 1, (int) Math.floor(quantile * sorted.length))];
		}).toArray();
	}

	/** A thread that samples the replication lag, in milliseconds, every 2 ms. */
	private static final class LagSampler extends Thread {

		private final Replicator replicator;

		private final List<Double> samples = new ArrayList<>();

		private volatile boolean running = true;

		private LagSampler(Replicator replicator) {
			super("replication-lag-sampler");
			this.replicator = replicator;
		}

		static LagSampler start(Replicator replicator) {
			LagSampler sampler = new LagSampler(replicator);
			sampler.start();
			return sampler;
		}

		@Override
		public void run() {
			while (this.running) {
				double lag = this.replicator.status().lag().toNanos() / 1e6;
				synchronized (this.samples) {
					this.samples.add(lag);
				}
				try {
					Thread.sleep(2);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

		double[] finish() throws InterruptedException {
			this.running = false;
			join();
			synchronized (this.samples) {
				return this.samples.stream().mapToDouble(Double::doubleValue).toArray();
			}
		}

	}

	/** A clock moved on by hand. */
	private static final class SteppedClock extends Clock {

		private volatile Instant now;

		SteppedClock(Instant start) {
			this.now = start;
		}

		void advance(Duration step) {
			this.now = this.now.plus(step);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
