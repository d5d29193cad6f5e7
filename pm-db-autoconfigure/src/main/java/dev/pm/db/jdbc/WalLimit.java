package dev.pm.db.jdbc;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConnection;

/**
 * Keeps the write-ahead log near its limit while readers never let the database be idle.
 * SQLite's automatic checkpoints after commits are passive: they stop at the snapshot of
 * the oldest open read, and the log starts over only once a checkpoint got through all of
 * it, so with one read always open and writes going on it grows without end (measured: 85
 * MB in 50 s of writes beside a looping 200 ms read, BENCHMARKS.md scenario 11). So every
 * {@value #CHECK_EVERY}th time the writer is handed back outside a transaction, this
 * looks at what the log holds; past half the limit it runs a {@code RESTART} checkpoint,
 * which waits up to {@link #PATIENCE} for the reads older than the log's end (new reads
 * do not hold it back) and lets the next write start the log over. Half, because
 * {@code journal_size_limit} truncates a log that started over to the limit, not below:
 * restarted at the limit, the file would never drop under it (measured: 64.0 - 64.5 MB
 * through 10 minutes). The writer waits meanwhile, once per half limit's worth of log. A
 * read that outlasts the patience leaves the log as it is, for the next look (the
 * upkeep's warning names it).
 *
 * @author pm-db
 */
final class WalLimit {

	/** How many hand-backs of the writer pass between two looks at the log's size. */
	static final int CHECK_EVERY = 256;

	private static final int FRAME_HEADER_BYTES = 24;

	/** How long the checkpoint waits for old reads, holding the writer. */
	static final Duration PATIENCE = Duration.ofMillis(500);

	private final @Nullable Path wal;

	private final long limit;

	private final Duration busyTimeout;

	// Only the thread holding the writer counts: no other thread touches it meanwhile.
	private int handBacks;

	/**
	 * Create a limit; {@code wal} {@code null} (in memory, or checkpoints owned by the
	 * replicator) never checkpoints.
	 */
	WalLimit(@Nullable Path wal, long limit, Duration busyTimeout) {
		this.wal = wal;
		this.limit = limit;
		this.busyTimeout = busyTimeout;
	}

	static WalLimit none() {
		return new WalLimit(null, 0, Duration.ZERO);
	}

	/**
	 * Called by the thread handing the writer back, outside a transaction.
	 * @return whether it ran a {@code RESTART} checkpoint
	 * @throws SQLException if SQLite refuses the checkpoint (to the caller of
	 * {@code close()}; the lease ends all the same)
	 */
	boolean handingBack(SQLiteConnection writer) throws SQLException {
		Path wal = this.wal;
		if (wal == null || ++this.handBacks < CHECK_EVERY) {
			return false;
		}
		this.handBacks = 0;
		// The file is at least as long as the log: a short file needs no more look.
		if (wal.toFile().length() <= this.limit / 2) {
			return false;
		}
		boolean pastHalf;
		try (Statement statement = writer.createStatement()) {
			pastHalf = logBytes(statement) > this.limit / 2;
			if (pastHalf) {
				statement.execute("PRAGMA busy_timeout = " + PATIENCE.toMillis());
				try {
					// Reports (not raises) a checkpoint that a read held back.
					statement.execute("PRAGMA wal_checkpoint(RESTART)");
				}
				finally {
					statement.execute("PRAGMA busy_timeout = " + this.busyTimeout.toMillis());
				}
			}
		}
		return pastHalf;
	}

	// What the log holds, not the length of its file: a log that started over writes the
	// file again from its start, and SQLite truncates the file to journal_size_limit, not
	// below, so its length alone asked for a RESTART at every look, each waiting for the
	// reads (measured: writes beside a looping 200 ms read fell to a tenth of those
	// without it, BENCHMARKS.md scenario 11). A passive checkpoint waits for nobody and
	// tells how many frames the log holds.
	private static long logBytes(Statement statement) throws SQLException {
		long frames;
		try (ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
			result.next();
			frames = result.getLong(2);
		}
		try (ResultSet result = statement.executeQuery("PRAGMA page_size")) {
			result.next();
			return frames * (result.getLong(1) + FRAME_HEADER_BYTES);
		}
	}

}
