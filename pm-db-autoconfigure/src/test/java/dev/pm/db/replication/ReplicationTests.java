package dev.pm.db.replication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.pm.db.DatabaseException;
import dev.pm.db.DatabaseRestore;
import dev.pm.db.RestoredDatabase;
import dev.pm.db.autoconfigure.PmDbAutoConfiguration;
import dev.pm.db.autoconfigure.replication.PmDbReplicationAutoConfiguration;
import dev.pm.db.jdbc.SqliteDataSource;
import dev.pm.testing.output.ExpectedOutputExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.JDBC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Replication into a directory and restore from it, in one process, with the replicator
 * driven by hand so that each commit gets a segment of its own.
 */
@ExtendWith(ExpectedOutputExtension.class)
class ReplicationTests {

	@TempDir
	Path dir;

	// A replicator beside the context's, run by the test's own calls: its schedule's
	// interval is an hour.
	private static Replicator handDriven(ApplicationContext context, Path replica, Clock clock, long segmentBytes) {
		return new Replicator(context.getBean(SqliteDataSource.class),
				new ReplicationSettings(replica, Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7)), clock,
				segmentBytes);
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(PmDbAutoConfiguration.class, PmDbReplicationAutoConfiguration.class))
			.withPropertyValues("pm.db.path=" + this.dir.resolve("pm.db"),
					"pm.db.replication.target=" + this.dir.resolve("replica"), "pm.db.replication.interval=1h");
	}

	@Test
	void restoringToTheMomentAfterEachReplicatedCommitGivesExactlyTheRowsCommittedByThen() {
		List<Instant> moments = new ArrayList<>();
		runner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			Replicator replicator = context.getBean(Replicator.class);
			replicator.replicate();
			for (int i = 1; i <= 5; i++) {
				pause();
				jdbc.update("INSERT INTO item (name) VALUES (?)", "item-" + i);
				replicator.replicate();
				pause();
				moments.add(Instant.now());
			}
			assertThat(replicator.status().segments()).isEqualTo(5);
			assertThat(replicator.status().lastError()).isNull();
		});
		DatabaseRestore restore = new ReplicaRestore(this.dir.resolve("replica"),
				PosixFilePermissions.fromString("rw-------"));
		for (int i = 0; i < moments.size(); i++) {
			Path restored = this.dir.resolve("restored-" + i + ".db");
			RestoredDatabase result = restore.restore(restored, moments.get(i));
			assertThat(result.problem()).isNull();
			assertThat(names(restored)).hasSize(i + 1).last().isEqualTo("item-" + (i + 1));
		}
	}

	@Test
	void theReplicatorCheckpointsOnlyReplicatedFramesSoTheGenerationContinuesAcrossLogRestarts() {
		runner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			Replicator replicator = context.getBean(Replicator.class);
			replicator.replicate();
			String generation = replicator.status().generation();
			WalFile wal = new WalFile(this.dir.resolve("pm.db-wal"));
			jdbc.update("INSERT INTO item (name) VALUES ('first')");
			int firstRun = wal.header().checkpointSequence();
			assertThat(jdbc.queryForObject("PRAGMA wal_autocheckpoint", Integer.class)).isZero();
			for (int round = 0; round < 3; round++) {
				for (int i = 0; i < 300; i++) {
					jdbc.update("INSERT INTO item (name) VALUES (?)", "x".repeat(3000) + round + "-" + i);
				}
				replicator.replicate();
			}
			jdbc.update("INSERT INTO item (name) VALUES ('last')");
			replicator.replicate();
			assertThat(replicator.status().generation()).isEqualTo(generation);
			assertThat(generations()).hasSize(1);
			// Checkpointed, and SQLite restarted the log: a new run.
			assertThat(wal.header().checkpointSequence()).isGreaterThan(firstRun);
		});
		Path restored = this.dir.resolve("restored.db");
		new ReplicaRestore(this.dir.resolve("replica"), Set.of()).restore(restored, Instant.now());
		assertThat(names(restored)).hasSize(902).last().isEqualTo("last");
	}

	@Test
	void aRunOfTheLogLargerThanASegmentIsCutAtCommitsIntoSegmentsThatRestoreWhole() {
		Path small = this.dir.resolve("small-segments");
		runner().run((context) -> {
			Replicator replicator = handDriven(context, small, Clock.systemUTC(), 16 * 1024);
			replicator.replicate();
			for (int i = 0; i < 20; i++) {
				context.getBean(JdbcTemplate.class).update("INSERT INTO item (name) VALUES (?)", "x".repeat(3000) + i);
			}
			replicator.replicate();
			assertThat(replicator.status().segments()).as(replicator.status().toString()).isGreaterThan(1);
			replicator.destroy();
		});
		Path restored = this.dir.resolve("restored.db");
		new ReplicaRestore(small, Set.of()).restore(restored, Instant.now());
		assertThat(names(restored)).hasSize(20).last().isEqualTo("x".repeat(3000) + 19);
	}

	@Test
	void underASteadyWriterEachSyncCopiesWhatTheLogHeldWhenItBeganIntoOneSegmentAndEnds() {
		runner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			Replicator replicator = context.getBean(Replicator.class);
			replicator.replicate();
			AtomicBoolean writing = new AtomicBoolean(true);
			AtomicInteger committed = new AtomicInteger();
			Thread writer = new Thread(() -> {
				while (writing.get()) {
					jdbc.update("INSERT INTO item (name) VALUES (?)", "steady-" + committed.incrementAndGet());
				}
			}, "steady-writer");
			writer.start();
			try {
				for (int sync = 0; sync < 5; sync++) {
					long before = replicator.status().segments();
					int seen = committed.get();
					while (committed.get() == seen) {
						Thread.onSpinWait();
					}
					// Before, it copied until the log stopped growing: a segment after
					// each
					// few commits, as long as the writer went on.
					assertThat(CompletableFuture.runAsync(replicator::replicate))
						.succeedsWithin(Duration.ofSeconds(30));
					assertThat(replicator.status().segments() - before).isOne();
				}
			}
			finally {
				writing.set(false);
				writer.join();
			}
		});
	}

	@Test
	void aCommitBetweenTheReadWithoutTheLeaseAndTheLeasedOneIsInTheSameSegmentAndRestores() {
		Path replica = this.dir.resolve("two-step");
		Instant[] moment = new Instant[1];
		runner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			HookedClock clock = new HookedClock();
			Replicator replicator = handDriven(context, replica, clock, Replicator.SEGMENT_BYTES);
			replicator.replicate();
			jdbc.update("INSERT INTO item (name) VALUES ('read without the lease')");
			// The second look at the clock is the leased one, after the first read: a
			// commit then lands where one of another thread would have, before the lease.
			clock.onCall(2, () -> otherProcess("INSERT INTO item (name) VALUES ('read with the lease')"));
			replicator.replicate();
			assertThat(clock.fired()).isTrue();
			assertThat(replicator.status().segments()).isOne();
			assertThat(replicator.status().lastError()).isNull();
			moment[0] = Instant.now();
			replicator.destroy();
		});
		Path restored = this.dir.resolve("restored.db");
		new ReplicaRestore(replica, Set.of()).restore(restored, moment[0]);
		assertThat(names(restored)).containsExactly("read without the lease", "read with the lease");
	}

	@Test
	void aCommitJustBeforeTheLeaseWhenTheReadWithoutItFoundNothingNewIsReadWithTheLease() {
		List<String> names = twoStepRun(Replicator.SEGMENT_BYTES, List.of(),
				List.of("INSERT INTO item (name) VALUES ('read with the lease')"), 1);
		assertThat(names).containsExactly("read with the lease");
	}

	@Test
	void framesReadWithTheLeaseThatTakeTheRunPastTheSegmentSizeCutItAndTheRestIsReadAtOnce() {
		String big = "x".repeat(3000);
		List<String> insertsOfTheOtherProcess = new ArrayList<>(List.of("BEGIN"));
		for (int i = 0; i < 10; i++) {
			insertsOfTheOtherProcess.add("INSERT INTO item (name) VALUES ('" + big + i + "')");
		}
		insertsOfTheOtherProcess.add("COMMIT");
		insertsOfTheOtherProcess.add("INSERT INTO item (name) VALUES ('after the cut')");
		List<String> names = twoStepRun(16 * 1024, List.of("first"), insertsOfTheOtherProcess, 2);
		assertThat(names).hasSize(12).startsWith("first", big + 0).endsWith(big + 9, "after the cut");
	}

	// Commit rows, then replicate once with the other process's statements run when the
	// lease is taken, and restore.
	private List<String> twoStepRun(long segmentBytes, List<String> rows, List<String> otherProcess, long segments) {
		Path replica = this.dir.resolve("two-step-" + segmentBytes);
		long[] written = new long[1];
		runner().run((context) -> {
			HookedClock clock = new HookedClock();
			Replicator replicator = handDriven(context, replica, clock, segmentBytes);
			replicator.replicate();
			for (String row : rows) {
				context.getBean(JdbcTemplate.class).update("INSERT INTO item (name) VALUES (?)", row);
			}
			clock.onCall(2, () -> otherProcess(otherProcess.toArray(String[]::new)));
			replicator.replicate();
			assertThat(clock.fired()).isTrue();
			assertThat(replicator.status().lastError()).isNull();
			written[0] = replicator.status().segments();
		});
		assertThat(written[0]).isGreaterThanOrEqualTo(segments);
		Path restored = this.dir.resolve("restored-" + segmentBytes + ".db");
		new ReplicaRestore(replica, Set.of()).restore(restored, Instant.now());
		return names(restored);
	}

	@Test
	void aLogThatAnotherProcessEmptiedBetweenTheTwoReadsStartsANewGenerationWithNothingLost(CapturedOutput output)
			throws IOException {
		logStartedOverBetweenTheReads(output, "PRAGMA wal_checkpoint(TRUNCATE)");
	}

	@Test
	void aLogThatAnotherProcessStartedOverBetweenTheTwoReadsStartsANewGenerationWithNothingLost(CapturedOutput output)
			throws IOException {
		logStartedOverBetweenTheReads(output, "PRAGMA wal_checkpoint(TRUNCATE)",
				"INSERT INTO item (name) VALUES ('of the other process')");
	}

	private void logStartedOverBetweenTheReads(CapturedOutput output, String... otherProcess) throws IOException {
		Path replica = this.dir.resolve("started-over");
		runner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			HookedClock clock = new HookedClock();
			Replicator replicator = handDriven(context, replica, clock, Replicator.SEGMENT_BYTES);
			replicator.replicate();
			jdbc.update("INSERT INTO item (name) VALUES ('a')");
			clock.onCall(2, () -> otherProcess(otherProcess));
			replicator.replicate();
			assertThat(clock.fired()).isTrue();
			assertThat(replicator.status().lastError()).contains("no longer continues the frames just read from it");
			jdbc.update("INSERT INTO item (name) VALUES ('b')");
			replicator.replicate();
			assertThat(replicator.status().lastError()).isNull();
			replicator.destroy();
		});
		try (Stream<Path> generations = Files.list(replica.resolve("generations"))) {
			assertThat(generations).hasSize(2);
		}
		Path restored = this.dir.resolve("restored.db");
		new ReplicaRestore(replica, Set.of()).restore(restored, Instant.now());
		assertThat(names(restored)).containsExactlyElementsOf(names(this.dir.resolve("pm.db")))
			.contains("a", "b")
			.hasSize(otherProcess.length + 1);
		assertThat(output).contains("Lost continuity with the write-ahead log of " + this.dir.resolve("pm.db"));
	}

	private void otherProcess(String... sql) {
		try (Connection other = JDBC.createConnection("jdbc:sqlite:" + this.dir.resolve("pm.db"), new Properties());
				Statement statement = other.createStatement()) {
			for (String each : sql) {
				statement.execute(each);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void theLagCountsFromTheMomentTheLogWasReadUnderTheLeaseNotFromTheStartOfTheRun() {
		SteppedClock clock = new SteppedClock(Instant.parse("2026-12-01T00:00:00Z"));
		runner().run((context) -> {
			Replicator replicator = handDriven(context, this.dir.resolve("lag"), clock, Replicator.SEGMENT_BYTES);
			replicator.replicate();
			context.getBean(JdbcTemplate.class).update("INSERT INTO item (name) VALUES ('one')");
			// Every look a second later: the run's start is seconds before its leased
			// read.
			clock.ticking(true);
			replicator.replicate();
			clock.ticking(false);
			ReplicationStatus status = replicator.status();
			ReplicaFile segment = ReplicaFile.of(Path.of(Objects.requireNonNull(status.lastSegment())));
			assertThat(segment).isNotNull();
			assertThat(status.lag()).isEqualTo(Duration.between(segment.time(), clock.instant()));
			replicator.destroy();
		});
	}

	@Test
	void retentionRemovesOldFilesButEveryMomentInsideItStillRestoresExactly() throws IOException {
		Path replica = this.dir.resolve("retained");
		Instant start = Instant.parse("2026-12-01T00:00:00Z");
		SteppedClock clock = new SteppedClock(start);
		runner().run((context) -> {
			Replicator replicator = new Replicator(context.getBean(SqliteDataSource.class), new ReplicationSettings(
					replica, Duration.ofHours(1), Duration.ofSeconds(10), Duration.ofSeconds(30)), clock);
			replicator.replicate();
			for (int second = 1; second <= 100; second++) {
				context.getBean(JdbcTemplate.class).update("INSERT INTO item (name) VALUES (?)", "second-" + second);
				clock.advance();
				replicator.replicate();
			}
			replicator.destroy();
		});
		try (Stream<Path> paths = Files.walk(replica)) {
			assertThat(paths.map(ReplicaFile::of).filter(Objects::nonNull).map(ReplicaFile::time))
				.as("the files of moments no restore inside the retention needs are gone")
				.allSatisfy((time) -> assertThat(time).isAfterOrEqualTo(start.plusSeconds(70)));
		}
		for (int second = 70; second <= 100; second++) {
			Path restored = this.dir.resolve("restored-" + second + ".db");
			new ReplicaRestore(replica, Set.of()).restore(restored, start.plusSeconds(second));
			assertThat(names(restored)).hasSize(second).last().isEqualTo("second-" + second);
		}
	}

	@Test
	void aDamagedSegmentStopsTheRestoreAtTheLastGoodMomentAndTheResultNamesTheFile(CapturedOutput output)
			throws IOException {
		List<Instant> moments = commitReplicated(4);
		List<Path> segments = files(".segment");
		Path damaged = segments.get(2);
		byte[] bytes = Files.readAllBytes(damaged);
		bytes[bytes.length - 100] ^= 0x5a;
		Files.write(damaged, bytes);
		RestoredDatabase result = new ReplicaRestore(this.dir.resolve("replica"), Set.of())
			.restore(this.dir.resolve("restored.db"), Instant.now());
		assertThat(result.problem()).contains(damaged.toString()).contains("checksum");
		assertThat(result.restoredTo()).isBefore(moments.get(1)).isAfter(moments.get(0).minusSeconds(1));
		assertThat(names(result.path())).containsExactly("item-1", "item-2");
		assertThat(output).contains("Restore of " + this.dir.resolve("restored.db") + " stopped at ")
			.contains(", the last good moment: ", damaged.toString());
	}

	@Test
	void aTruncatedSegmentStopsTheRestoreAtTheLastGoodMoment(CapturedOutput output) throws IOException {
		commitReplicated(3);
		Path last = files(".segment").get(2);
		byte[] bytes = Files.readAllBytes(last);
		Files.write(last, Arrays.copyOf(bytes, bytes.length - 7));
		RestoredDatabase result = new ReplicaRestore(this.dir.resolve("replica"), Set.of())
			.restore(this.dir.resolve("restored.db"), Instant.now());
		assertThat(result.problem()).contains(last.toString()).contains("truncated");
		assertThat(names(result.path())).containsExactly("item-1", "item-2");
		assertThat(output).contains("Restore of " + this.dir.resolve("restored.db") + " stopped at ")
			.contains(", the last good moment: ", last.toString());
	}

	@Test
	void aTargetThatFailsLetsCommitsGoOnReportsTheErrorAndCatchesUpWithNothingLost(CapturedOutput output)
			throws IOException {
		Path replica = this.dir.resolve("replica");
		runner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			Replicator replicator = context.getBean(Replicator.class);
			replicator.replicate();
			jdbc.update("INSERT INTO item (name) VALUES ('before')");
			replicator.replicate();
			Path moved = this.dir.resolve("unmounted");
			Files.move(replica, moved);
			// A file where the directory was: nothing can be created there.
			Files.writeString(replica, "not a directory");
			jdbc.update("INSERT INTO item (name) VALUES ('during')");
			replicator.replicate();
			assertThat(replicator.status().lastError()).isNotNull();
			jdbc.update("INSERT INTO item (name) VALUES ('still during')");
			replicator.replicate();
			Files.delete(replica);
			Files.move(moved, replica);
			replicator.replicate();
			assertThat(replicator.status().lastError()).isNull();
		});
		// One WARN naming the target while it fails, not one a run; one line when it is
		// back.
		assertThat(output.getOut().split("Cannot replicate", -1)).hasSize(2);
		assertThat(output).contains("Cannot replicate " + this.dir.resolve("pm.db") + " to " + replica, "commits go on",
				"Replication of " + this.dir.resolve("pm.db") + " to " + replica + " caught up");
		Path restored = this.dir.resolve("restored.db");
		new ReplicaRestore(replica, Set.of()).restore(restored, Instant.now());
		assertThat(names(restored)).containsExactly("before", "during", "still during");
	}

	@Test
	void aRemovedTargetGetsANewGenerationWithEverything() throws IOException {
		Path replica = this.dir.resolve("replica");
		runner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			Replicator replicator = context.getBean(Replicator.class);
			replicator.replicate();
			jdbc.update("INSERT INTO item (name) VALUES ('before')");
			replicator.replicate();
			deleteTree(replica);
			jdbc.update("INSERT INTO item (name) VALUES ('after')");
			replicator.replicate();
			assertThat(replicator.status().lastError()).isNull();
		});
		Path restored = this.dir.resolve("restored.db");
		new ReplicaRestore(replica, Set.of()).restore(restored, Instant.now());
		assertThat(names(restored)).containsExactly("before", "after");
	}

	@Test
	void replicaFilesAndDirectoriesArePrivate() throws IOException {
		commitReplicated(1);
		try (Stream<Path> paths = Files.walk(this.dir.resolve("replica"))) {
			for (Path path : paths.toList()) {
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as(path.toString())
					.isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------");
			}
		}
	}

	@Test
	void aReplicaOfAnotherDatabaseIsRefusedAtStartUp() throws IOException {
		Path replica = this.dir.resolve("replica");
		new ReplicaDirectory(replica).claim(this.dir.resolve("other.db"));
		runner().run((context) -> assertThat(context).getFailure()
			.rootCause()
			.isInstanceOf(DatabaseException.class)
			.hasMessageContaining(replica.toString())
			.hasMessageContaining("other.db"));
	}

	@Test
	void aRestoreNeverOverwritesAFile() throws IOException {
		commitReplicated(1);
		Path existing = Files.writeString(this.dir.resolve("existing.db"), "mine");
		assertThatExceptionOfType(DatabaseException.class)
			.isThrownBy(
					() -> new ReplicaRestore(this.dir.resolve("replica"), Set.of()).restore(existing, Instant.now()))
			.withMessageContaining(existing.toString())
			.withMessageContaining("never overwrites");
		assertThat(existing).hasContent("mine");
	}

	@Test
	void aMomentBeforeTheFirstSnapshotIsRefusedWithTheEarliestMoment() {
		commitReplicated(1);
		Path restored = this.dir.resolve("restored.db");
		assertThatExceptionOfType(DatabaseException.class)
			.isThrownBy(() -> new ReplicaRestore(this.dir.resolve("replica"), Set.of()).restore(restored,
					Instant.now().minusSeconds(3600)))
			.withMessageContaining("earliest moment");
		assertThat(restored).doesNotExist();
	}

	@Test
	void theRestoreBeanRestoresFromTheConfiguredTarget() {
		runner().run((context) -> {
			context.getBean(JdbcTemplate.class).update("INSERT INTO item (name) VALUES ('one')");
			context.getBean(Replicator.class).replicate();
			Path restored = this.dir.resolve("restored.db");
			context.getBean(DatabaseRestore.class).restore(restored, Instant.now());
			assertThat(names(restored)).containsExactly("one");
		});
	}

	@Test
	void anotherProcessCheckpointingTheLogStartsANewGenerationWithNothingLost(CapturedOutput output) throws Exception {
		runner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			Replicator replicator = context.getBean(Replicator.class);
			replicator.replicate();
			jdbc.update("INSERT INTO item (name) VALUES ('a')");
			jdbc.update("INSERT INTO item (name) VALUES ('b')");
			try (Connection other = JDBC.createConnection("jdbc:sqlite:" + this.dir.resolve("pm.db"), new Properties());
					Statement statement = other.createStatement()) {
				statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
			}
			replicator.replicate();
			jdbc.update("INSERT INTO item (name) VALUES ('c')");
			replicator.replicate();
			assertThat(generations()).hasSize(2);
		});
		Path restored = this.dir.resolve("restored.db");
		new ReplicaRestore(this.dir.resolve("replica"), Set.of()).restore(restored, Instant.now());
		assertThat(names(restored)).containsExactly("a", "b", "c");
		assertThat(output).contains("Lost continuity with the write-ahead log of " + this.dir.resolve("pm.db")
				+ " (another process checkpointed it); starting a new generation");
	}

	@Test
	void aRestartAfterACleanCloseContinuesIntoANewGenerationWithEverything() {
		runner().run((context) -> context.getBean(JdbcTemplate.class).update("INSERT INTO item (name) VALUES ('one')"));
		runner().run((context) -> {
			assertThat(Files.size(this.dir.resolve("pm.db-wal"))).as("the clean close truncated the log").isZero();
			context.getBean(Replicator.class).replicate();
			context.getBean(JdbcTemplate.class).update("INSERT INTO item (name) VALUES ('two')");
			context.getBean(Replicator.class).replicate();
		});
		Path restored = this.dir.resolve("restored.db");
		new ReplicaRestore(this.dir.resolve("replica"), Set.of()).restore(restored, Instant.now());
		assertThat(names(restored)).containsExactly("one", "two");
	}

	@Test
	void aRunOnALogThatHasStayedEmptySinceTheGenerationBeganIsNoFailure(CapturedOutput output) {
		runner().run((context) -> context.getBean(JdbcTemplate.class).update("INSERT INTO item (name) VALUES ('one')"));
		runner().run((context) -> {
			Replicator replicator = context.getBean(Replicator.class);
			replicator.replicate();
			// Nothing written since the clean close emptied the log: it failed with a
			// NullPointerException, a WARN and a failing status until the next write.
			replicator.replicate();
			assertThat(replicator.status().lastError()).isNull();
		});
		// Nor the last run and checkpoint as the context closes.
		assertThat(output).doesNotContain("NullPointerException");
	}

	@Test
	void aSnapshotIsTakenEverySnapshotIntervalAndARestoreUsesTheLastOneBeforeTheMoment() throws IOException {
		runner().withPropertyValues("pm.db.replication.snapshot-interval=1ms", "pm.db.replication.retention=1h")
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				Replicator replicator = context.getBean(Replicator.class);
				replicator.replicate();
				for (int i = 1; i <= 3; i++) {
					pause();
					jdbc.update("INSERT INTO item (name) VALUES (?)", "item-" + i);
					replicator.replicate();
				}
			});
		assertThat(files(".snapshot")).hasSizeGreaterThanOrEqualTo(4);
		Path restored = this.dir.resolve("restored.db");
		new ReplicaRestore(this.dir.resolve("replica"), Set.of()).restore(restored, Instant.now());
		assertThat(names(restored)).containsExactly("item-1", "item-2", "item-3");
	}

	@Test
	void aTargetUnreachableAtStartUpLetsTheApplicationStartIsReportedAndIsReplicatedIntoOnceReachable(
			CapturedOutput output) throws IOException {
		Path blocker = Files.writeString(this.dir.resolve("blocker"), "a file, not a directory");
		runner().withPropertyValues("pm.db.replication.target=" + blocker.resolve("replica")).run((context) -> {
			assertThat(context).hasNotFailed();
			Replicator replicator = context.getBean(Replicator.class);
			context.getBean(JdbcTemplate.class).update("INSERT INTO item (name) VALUES ('kept')");
			replicator.replicate();
			replicator.replicate();
			assertThat(replicator.status().lastError()).contains(blocker.toString());
			assertThat(replicator.status().generation()).isNull();
			Files.delete(blocker);
			replicator.replicate();
			assertThat(replicator.status().lastError()).isNull();
			assertThat(replicator.status().generation()).isNotNull();
		});
		Path restored = this.dir.resolve("restored.db");
		new ReplicaRestore(blocker.resolve("replica"), Set.of()).restore(restored, Instant.now());
		assertThat(names(restored)).containsExactly("kept");
		assertThat(output)
			.contains("Cannot replicate " + this.dir.resolve("pm.db") + " to " + blocker.resolve("replica"));
	}

	@Test
	void aSecondReplicatorOfTheSameTargetStandsBy() {
		runner().run((context) -> {
			Replicator replicator = context.getBean(Replicator.class);
			replicator.replicate();
			Replicator second = handDriven(context, this.dir.resolve("replica"), Clock.systemUTC(),
					Replicator.SEGMENT_BYTES);
			second.replicate();
			ReplicationStatus status = second.status();
			assertThat(status.standby()).isTrue();
			assertThat(status.generation()).isNull();
			assertThat(status.lastSegment()).isNull();
			assertThat(status.lastError()).isNull();
			second.destroy();
			assertThat(replicator.status().standby()).isFalse();
		});
	}

	@Test
	void anInMemoryDatabaseCannotBeReplicated() {
		runner().withPropertyValues("pm.db.path=:memory:")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("pm.db.replication.target")
				.hasMessageContaining("in-memory"));
	}

	@Test
	void aDatabaseWithoutAWriteAheadLogCannotBeReplicated() {
		runner().withPropertyValues("pm.db.journal-mode=delete")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("pm.db.journal-mode")
				.hasMessageContaining("set pm.db.journal-mode=wal"));
	}

	@Test
	void theMetersShowTheLagAndTheSegmentsWritten() {
		runner().run((context) -> {
			Replicator replicator = context.getBean(Replicator.class);
			replicator.replicate();
			context.getBean(JdbcTemplate.class).update("INSERT INTO item (name) VALUES ('one')");
			replicator.replicate();
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(ReplicationMetrics.class).bindTo(registry);
			assertThat(registry.get("pm.db.replication.segments").functionCounter().count()).isEqualTo(1);
			assertThat(registry.get("pm.db.replication.lag").gauge().value()).isBetween(0.0, 60.0);
		});
	}

	@Test
	void aDirectoryThatIsNoReplicaIsRefused() {
		assertThatExceptionOfType(DatabaseException.class)
			.isThrownBy(() -> new ReplicaRestore(this.dir, Set.of()).restore(this.dir.resolve("r.db"), Instant.now()))
			.withMessageContaining("is not a pm-db replica");
	}

	@Test
	void aReplicaWithoutSnapshotsSaysSo() throws IOException {
		Path replica = this.dir.resolve("replica");
		new ReplicaDirectory(replica).claim(this.dir.resolve("pm.db"));
		Files.delete(replica.resolve("generations"));
		assertThatExceptionOfType(DatabaseException.class)
			.isThrownBy(() -> new ReplicaRestore(replica, Set.of()).restore(this.dir.resolve("r.db"), Instant.now()))
			.withMessageContaining("holds no snapshot yet");
	}

	@Test
	void anUnreadableReplicaIsReportedWithItsPath() throws IOException {
		Path replica = Files.createDirectories(this.dir.resolve("replica/" + ReplicaDirectory.IDENTITY));
		assertThatExceptionOfType(DatabaseException.class)
			.isThrownBy(() -> new ReplicaRestore(replica.getParent(), Set.of()).restore(this.dir.resolve("r.db"),
					Instant.now()))
			.withMessageContaining("Cannot read replica " + replica.getParent());
	}

	@Test
	void aRestoreIntoAMissingDirectoryIsRefused() {
		commitReplicated(1);
		Path target = this.dir.resolve("missing/r.db");
		assertThatExceptionOfType(DatabaseException.class)
			.isThrownBy(() -> new ReplicaRestore(this.dir.resolve("replica"), Set.of()).restore(target, Instant.now()))
			.withMessageContaining("Cannot create restore target " + target);
	}

	@Test
	void aMissingSegmentStopsTheRestoreBeforeIt(CapturedOutput output) throws IOException {
		commitReplicated(3);
		Path missing = files(".segment").get(1);
		Files.delete(missing);
		RestoredDatabase result = new ReplicaRestore(this.dir.resolve("replica"), Set.of())
			.restore(this.dir.resolve("restored.db"), Instant.now());
		assertThat(result.problem()).contains("segment 1 is missing");
		assertThat(names(result.path())).containsExactly("item-1");
		assertThat(output).contains("Restore of " + this.dir.resolve("restored.db") + " stopped at ")
			.contains("the last good moment: segment 1 is missing");
	}

	@Test
	void aSegmentOfAnotherPageSizeStopsTheRestoreBeforeIt(CapturedOutput output) throws IOException {
		commitReplicated(1);
		Path first = files(".segment").get(0);
		WalPosition start = WalPosition
			.start(WalHeader.parse(WalFormatTests.header(WalFormatTests.LITTLE, WalFormatTests.PAGE, 0, 1, 2)));
		byte[] frames = WalFormatTests.frames(start, 1);
		Path foreign = first.resolveSibling(ReplicaFile.name(ReplicaFile.Kind.SEGMENT, 1, Instant.now()));
		Files.write(foreign, SegmentFile
			.encode(new WalFrames(WalFormatTests.PAGE, start, start.advance(1, start.checksum()), frames)));
		RestoredDatabase result = new ReplicaRestore(this.dir.resolve("replica"), Set.of())
			.restore(this.dir.resolve("restored.db"), Instant.now());
		assertThat(result.problem()).contains(foreign.toString()).contains("pages are 512 bytes");
		assertThat(names(result.path())).containsExactly("item-1");
		assertThat(output).contains("Restore of " + this.dir.resolve("restored.db") + " stopped at ")
			.contains(", the last good moment: ", foreign.toString());
	}

	@Test
	void aDamagedSnapshotFailsTheRestoreAndLeavesNoFile() throws IOException {
		commitReplicated(1);
		Path snapshot = files(".snapshot").get(0);
		byte[] bytes = Files.readAllBytes(snapshot);
		for (int i = 4096; i < bytes.length; i += 7) {
			bytes[i] = (byte) i;
		}
		Files.write(snapshot, bytes);
		Path restored = this.dir.resolve("restored.db");
		assertThatExceptionOfType(DatabaseException.class).isThrownBy(
				() -> new ReplicaRestore(this.dir.resolve("replica"), Set.of()).restore(restored, Instant.now()));
		assertThat(restored).doesNotExist();
		assertThat(this.dir.resolve(".restored.db.restoring")).doesNotExist();
	}

	@Test
	void anUnreadableSnapshotFailsTheRestoreWithTheCause() throws IOException {
		commitReplicated(1);
		Path snapshot = files(".snapshot").get(0);
		Files.delete(snapshot);
		Files.createDirectory(snapshot);
		Path restored = this.dir.resolve("restored.db");
		assertThatExceptionOfType(DatabaseException.class)
			.isThrownBy(
					() -> new ReplicaRestore(this.dir.resolve("replica"), Set.of()).restore(restored, Instant.now()))
			.withMessageContaining("Cannot restore " + restored + " from " + this.dir.resolve("replica"));
		assertThat(restored).doesNotExist();
	}

	private List<Instant> commitReplicated(int count) {
		List<Instant> moments = new ArrayList<>();
		runner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			Replicator replicator = context.getBean(Replicator.class);
			replicator.replicate();
			for (int i = 1; i <= count; i++) {
				pause();
				jdbc.update("INSERT INTO item (name) VALUES (?)", "item-" + i);
				replicator.replicate();
				pause();
				moments.add(Instant.now());
			}
		});
		return moments;
	}

	private List<Path> generations() throws IOException {
		try (Stream<Path> paths = Files.list(this.dir.resolve("replica/generations"))) {
			return paths.toList();
		}
	}

	private List<Path> files(String suffix) throws IOException {
		try (Stream<Path> paths = Files.walk(this.dir.resolve("replica"))) {
			return paths.filter((path) -> path.toString().endsWith(suffix)).sorted().toList();
		}
	}

	static List<String> names(Path database) {
		try (var connection = JDBC.createConnection("jdbc:sqlite:" + database, new Properties());
				var statement = connection.createStatement();
				var result = statement.executeQuery("SELECT name FROM item ORDER BY id")) {
			List<String> names = new ArrayList<>();
			while (result.next()) {
				names.add(result.getString(1));
			}
			return names;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void deleteTree(Path root) throws IOException {
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	/** The system clock, which runs an action at one look, counted from when told. */
	private static final class HookedClock extends Clock {

		private int calls = -1;

		private Runnable action = () -> {
		};

		private boolean fired;

		synchronized void onCall(int call, Runnable then) {
			this.calls = call;
			this.action = then;
		}

		synchronized boolean fired() {
			return this.fired;
		}

		@Override
		public synchronized Instant instant() {
			if (--this.calls == 0) {
				this.fired = true;
				this.action.run();
			}
			return Instant.now();
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

	/** A clock that moves a second when told, or at every look while it ticks. */
	private static final class SteppedClock extends Clock {

		private volatile Instant now;

		private volatile boolean ticking;

		SteppedClock(Instant start) {
			this.now = start;
		}

		void advance() {
			this.now = this.now.plusSeconds(1);
		}

		void ticking(boolean ticking) {
			this.ticking = ticking;
		}

		@Override
		public synchronized Instant instant() {
			if (this.ticking) {
				advance();
			}
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

	// Moments in the replica are milliseconds.
	private static void pause() {
		try {
			Thread.sleep(3);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
