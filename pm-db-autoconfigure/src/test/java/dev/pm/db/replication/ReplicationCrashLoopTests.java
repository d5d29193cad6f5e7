package dev.pm.db.replication;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.pm.db.RestoredDatabase;
import dev.pm.db.test.ChildJvm;
import dev.pm.db.test.ItemChecksum;
import dev.pm.db.test.ReplicatedWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.JDBC;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of an application that commits one row per transaction while it
 * replicates, at random moments (while it snapshots, writes a segment, checkpoints or
 * just commits), again and again on the same database and replica. Then: every commit
 * acknowledged more than the interval before a kill is in the replica as of that kill; a
 * restore to any moment gives exactly the table as committed at the moment it reports (no
 * commit missing from before it, none from after it) and passes {@code integrity_check}.
 * CI runs a few kills; {@code -Dpm.db.replication.crash-rounds=100} runs the full loop
 * (README, Continuous replication).
 */
class ReplicationCrashLoopTests {

	private static final Duration INTERVAL = Duration.ofMillis(200);

	// A commit reaches the replica within the interval plus one sync (a segment forced
	// to the disk); on a loaded two-core machine a sync or a scheduling delay can take
	// longer, which this allows for. The worst window seen is printed.
	private static final long SLACK_MILLIS = Long.getLong("pm.db.replication.crash-slack-millis", 1000);

	private static final int MOMENTS = 50;

	@TempDir
	Path dir;

	private final Map<Long, Commit> commits = new ConcurrentHashMap<>();

	// The checksum of rows 1..id, as the writer printed it.
	private final Map<Long, Long> checksums = new ConcurrentHashMap<>();

	@Test
	void everyCommitOlderThanTheIntervalSurvivesAKillAndEveryMomentRestoresExactlyWhatWasCommittedThen()
			throws Exception {
		int rounds = Integer.getInteger("pm.db.replication.crash-rounds", 3);
		long seed = Long.getLong("pm.db.replication.crash-seed", System.nanoTime());
		Random random = new Random(seed);
		List<Long> kills = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			kills.add(runAndKill(300 + random.nextInt(1500)));
		}
		// One more start: its first line gives the checksum of the last round's table.
		runAndKill(0);
		Path replica = this.dir.resolve("replica");
		// The database itself, recovered by SQLite as any next start would: every commit.
		List<Row> table = rows(this.dir.resolve("pm.db"));
		verifyAgainstTheWriter(table, seed);
		long worstWindow = 0;
		long worstStaleness = 0;
		for (long killedAt : kills) {
			String context = "seed " + seed + ", kill at " + Instant.ofEpochMilli(killedAt);
			RestoredDatabase atKill = restore(replica, Instant.ofEpochMilli(killedAt), "kill-" + killedAt);
			int restored = verifyExact(atKill, table, context);
			worstStaleness = Math.max(worstStaleness, killedAt - atKill.restoredTo().toEpochMilli());
			long firstMissing = restored + 1;
			for (Commit commit : this.commits.values()) {
				if (commit.acked() < killedAt - INTERVAL.toMillis() - SLACK_MILLIS) {
					assertThat(commit.id()).as(context + ": acknowledged at " + commit.acked())
						.isLessThan(firstMissing);
				}
			}
			Commit missing = this.commits.get(firstMissing);
			if (missing != null && missing.acked() < killedAt) {
				worstWindow = Math.max(worstWindow, killedAt - missing.acked());
			}
		}
		long earliest = earliestSnapshot(replica);
		long last = kills.get(kills.size() - 1);
		for (int i = 0; i < MOMENTS; i++) {
			Instant moment = Instant.ofEpochMilli(earliest + (long) (random.nextDouble() * (last - earliest)));
			RestoredDatabase restored = restore(replica, moment, "moment-" + i);
			assertThat(restored.restoredTo()).isBeforeOrEqualTo(moment);
			verifyExact(restored, table, "seed " + seed + ", moment " + moment);
		}
		System.out.println("replication crash loop: " + rounds + " kills, " + this.commits.size()
				+ " acknowledged commits, none older than " + INTERVAL.toMillis() + " ms + " + SLACK_MILLIS
				+ " ms missing, acknowledged commits missing from at most the last " + worstWindow
				+ " ms before a kill, replica at most " + worstStaleness + " ms older than a kill, " + MOMENTS
				+ " moments restored exactly (seed " + seed + ")");
	}

	/**
	 * Run the writer, kill it {@code millis} after its first line, and read what it
	 * printed.
	 * @return when it was killed, in epoch millis
	 */
	private long runAndKill(int millis) throws Exception {
		Process writer = ChildJvm.start(ReplicatedWriter.class, this.dir.resolve("pm.db").toString(),
				this.dir.resolve("replica").toString(), INTERVAL.toString());
		BufferedReader output = ChildJvm.output(writer);
		String[] first = ChildJvm.awaitLine(output, "first ").split(" ");
		this.checksums.put(Long.parseLong(first[1]) - 1, Long.parseLong(first[2]));
		CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> read(output));
		Thread.sleep(millis);
		long killedAt = System.currentTimeMillis();
		writer.destroyForcibly();
		assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
		reading.get(30, TimeUnit.SECONDS);
		return killedAt;
	}

	private void read(BufferedReader output) {
		try (output) {
			for (String line = output.readLine(); line != null; line = output.readLine()) {
				String[] fields = line.split(" ");
				// A line the kill cut short has no final '.'.
				if (fields.length == 6 && fields[0].equals("ack") && fields[5].equals(".")) {
					long id = Long.parseLong(fields[1]);
					this.commits.put(id, new Commit(id, Long.parseLong(fields[2]), Long.parseLong(fields[3])));
					this.checksums.put(id, Long.parseLong(fields[4]));
				}
			}
		}
		catch (IOException ex) {
			// The pipe breaks with the kill; what was read counts.
		}
	}

	// The whole table is what the writer wrote: each printed checksum matches its
	// prefix, and every acknowledged commit is in it.
	private void verifyAgainstTheWriter(List<Row> table, long seed) {
		ItemChecksum checksum = new ItemChecksum();
		Map<Long, Long> prefixes = new HashMap<>();
		prefixes.put(0L, checksum.value());
		for (int i = 0; i < table.size(); i++) {
			assertThat(table.get(i).id()).as("seed " + seed + ": ids without gaps").isEqualTo(i + 1);
			prefixes.put((long) i + 1, checksum.add(table.get(i).id(), table.get(i).name()).value());
		}
		this.checksums.forEach((id, value) -> assertThat(prefixes.get(id)).as("seed " + seed + ": checksum after " + id)
			.isEqualTo(value));
		assertThat(this.commits.keySet()).allSatisfy((id) -> assertThat(id).isLessThanOrEqualTo(table.size()));
	}

	/**
	 * Check that a restore holds exactly the table as committed at its moment: the rows
	 * up to some commit, written inside their transactions at or before the moment, and
	 * the next row written at or after it.
	 * @return how many rows it holds
	 */
	private int verifyExact(RestoredDatabase restored, List<Row> table, String context) {
		List<Row> rows = rows(restored.path());
		long moment = restored.restoredTo().toEpochMilli();
		assertThat(integrityCheck(restored.path())).as(context).isEqualTo("ok");
		assertThat(restored.problem()).as(context).isNull();
		assertThat(rows).as(context).isEqualTo(table.subList(0, rows.size()));
		if (!rows.isEmpty()) {
			assertThat(rows.get(rows.size() - 1).at()).as(context).isLessThanOrEqualTo(moment);
		}
		if (rows.size() < table.size()) {
			assertThat(table.get(rows.size()).at()).as(context).isGreaterThanOrEqualTo(moment);
		}
		return rows.size();
	}

	private RestoredDatabase restore(Path replica, Instant moment, String name) {
		return new ReplicaRestore(replica, Set.of()).restore(this.dir.resolve(name + ".db"), moment);
	}

	private static long earliestSnapshot(Path replica) throws IOException {
		try (Stream<Path> paths = Files.walk(replica)) {
			return paths.map(ReplicaFile::of)
				.filter((file) -> file != null && file.kind() == ReplicaFile.Kind.SNAPSHOT)
				.mapToLong((file) -> file.time().toEpochMilli())
				.min()
				.orElseThrow();
		}
	}

	private static List<Row> rows(Path database) {
		try (var connection = JDBC.createConnection("jdbc:sqlite:" + database, new Properties());
				var statement = connection.createStatement();
				var result = statement.executeQuery("SELECT id, name FROM item ORDER BY id")) {
			List<Row> rows = new ArrayList<>();
			while (result.next()) {
				rows.add(new Row(result.getLong(1), result.getString(2)));
			}
			return rows;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String integrityCheck(Path database) {
		try (var connection = JDBC.createConnection("jdbc:sqlite:" + database, new Properties());
				var statement = connection.createStatement();
				var result = statement.executeQuery("PRAGMA integrity_check")) {
			result.next();
			return result.getString(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Commit(long id, long at, long acked) {
	}

	private record Row(long id, String name) {

		long at() {
			return ReplicatedWriter.at(this.name);
		}

	}

}
