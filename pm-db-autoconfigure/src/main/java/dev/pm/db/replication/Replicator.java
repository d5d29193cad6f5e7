package dev.pm.db.replication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.pm.db.DatabasePath;
import dev.pm.db.jdbc.SqliteDataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConnection;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Replicates the database continuously into a directory, as Litestream does: a snapshot
 * through SQLite's online backup, then every new run of write-ahead log frames, checked
 * against the log's salts and checksums, as a segment file.
 * <p>
 * While it runs, the application's connection makes no automatic checkpoints
 * ({@code wal_autocheckpoint=0}, set by the auto-configuration) and this class
 * checkpoints instead, only with the connection leased (so no commit of this process
 * runs) and only once every frame in the log is in the replica: a checkpoint never lets
 * SQLite overwrite a frame that is not replicated. When continuity is lost anyway
 * (another process checkpointed and restarted the log, or the generation's directory
 * vanished), it begins a new generation with a new snapshot.
 * <p>
 * A target that fails (full, unmounted, no permission) never stops the application's
 * commits: the log keeps the frames, the lag grows, a WARN names the target, and the
 * replica catches up once the target is back.
 *
 * @author pm-db
 * @since 0.1.0
 */
public class Replicator implements InitializingBean, DisposableBean {

	private static final Log logger = LogFactory.getLog(Replicator.class);

	// SQLite's own automatic checkpoint threshold.
	static final long CHECKPOINT_FRAMES = 1000;

	static final long SEGMENT_BYTES = 64L * 1024 * 1024;

	private static final int BUSY_SLEEP_MILLIS = 100;

	private static final int BUSY_RETRIES = 3;

	private static final int ALL_PAGES = -1;

	private final SqliteDataSource dataSource;

	private final Path database;

	private final ReplicaDirectory replica;

	private final WalFile wal;

	private final ReplicationSettings settings;

	private final Clock clock;

	private final Instant started;

	private final long segmentBytes;

	private final AtomicLong segments = new AtomicLong();

	private @Nullable ScheduledExecutorService executor;

	// Guarded by this: only the replication thread, and stop, use them.
	private @Nullable Generation generation;

	private @Nullable WalPosition position;

	private boolean checkpointedThroughPosition;

	private long nextIndex;

	private Instant lastSnapshot = Instant.MIN;

	private volatile @Nullable Instant replicatedAt;

	private volatile @Nullable String lastSegment;

	private volatile @Nullable String lastError;

	private volatile boolean standby;

	/**
	 * Create a replicator of a file database.
	 * @param dataSource the database's data source
	 * @param settings the target and the intervals
	 * @param clock the clock that dates snapshots and segments
	 */
	public Replicator(SqliteDataSource dataSource, ReplicationSettings settings, Clock clock) {
		this(dataSource, settings, clock, SEGMENT_BYTES);
	}

	Replicator(SqliteDataSource dataSource, ReplicationSettings settings, Clock clock, long segmentBytes) {
		this.dataSource = dataSource;
		this.database = Objects.requireNonNull(dataSource.getPath().getFile(),
				"Replication needs a database file, not an in-memory database");
		this.replica = new ReplicaDirectory(settings.target());
		this.wal = new WalFile(DatabasePath.companionOf(this.database, "-wal"));
		this.settings = settings;
		this.clock = clock;
		this.started = clock.instant();
		this.segmentBytes = segmentBytes;
	}

	/**
	 * Check that the target is this database's replica (or a new one) and start
	 * replicating every {@code interval}. A target that cannot be reached now is retried.
	 * @throws dev.pm.db.DatabaseException if the target holds another database's replica
	 */
	@Override
	public void afterPropertiesSet() {
		try {
			this.replica.claim(this.database);
		}
		catch (IOException ex) {
			failed(ex);
		}
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "pm-db-replication");
			thread.setDaemon(true);
			return thread;
		});
		this.executor = scheduler;
		long interval = this.settings.interval().toMillis();
		// At a fixed rate, not with a fixed delay after each run: a commit waits at most
		// one interval for the next read of the log, plus that run's copy, not two runs.
		scheduler.scheduleAtFixedRate(this::replicate, 0, interval, TimeUnit.MILLISECONDS);
	}

	/**
	 * Stop the schedule, replicate what is left and checkpoint it, so that the data
	 * source's closing checkpoint passes only replicated frames.
	 */
	@Override
	public void destroy() throws Exception {
		ScheduledExecutorService scheduler = this.executor;
		if (scheduler != null) {
			scheduler.shutdown();
			scheduler.awaitTermination(this.settings.interval().toMillis() * 10, TimeUnit.MILLISECONDS);
		}
		synchronized (this) {
			replicate();
			if (this.lastError == null && !this.standby) {
				checkpoint();
			}
			this.replica.release();
		}
	}

	/**
	 * Return where replication stands.
	 * @return the status
	 */
	public ReplicationStatus status() {
		Generation current = this.generation;
		Instant upToDate = this.replicatedAt;
		return new ReplicationStatus(this.replica.getRoot(), (current != null) ? current.id() : null, this.lastSegment,
				this.segments.get(),
				Duration.between((upToDate != null) ? upToDate : this.started, this.clock.instant()), this.lastError,
				this.standby);
	}

	/**
	 * Replicate now what the log holds, as the schedule does every {@code interval}, and
	 * record the outcome in the {@link #status()}; never throws, so that the schedule
	 * goes on.
	 */
	public synchronized void replicate() {
		try {
			sync();
			if (this.lastError != null) {
				logger.info("Replication of " + this.database + " to " + this.replica.getRoot() + " caught up");
				this.lastError = null;
			}
		}
		catch (IOException | SQLException | RuntimeException ex) {
			failed(ex);
		}
	}

	private void failed(Exception ex) {
		if (this.lastError == null) {
			logger.warn("Cannot replicate " + this.database + " to " + this.replica.getRoot()
					+ " (the replica falls behind, commits go on; retrying every " + this.settings.interval().toMillis()
					+ " ms): " + ex);
		}
		this.lastError = String.valueOf(ex);
	}

	private void sync() throws IOException, SQLException {
		Instant readStart = this.clock.instant();
		// What the replica holds now dates the lag: the run's start, unless the log was
		// copied, which holds every commit before the moment of its last read.
		Instant replicatedThrough = readStart;
		this.standby = !this.replica.lock();
		if (this.standby) {
			return;
		}
		Generation current = this.generation;
		if (current == null || !Files.isDirectory(current.dir())) {
			startGeneration(readStart);
		}
		else if (!logContinuesReplica()) {
			logger.warn("Lost continuity with the write-ahead log of " + this.database + " (another process"
					+ " checkpointed it); starting a new generation in " + this.replica.getRoot());
			startGeneration(readStart);
		}
		else {
			replicatedThrough = copyLog();
			// No position yet: the generation began on an empty log, which has held no
			// frame since.
			WalPosition at = this.position;
			if (at != null && at.frames() >= CHECKPOINT_FRAMES) {
				checkpoint();
			}
		}
		this.replicatedAt = replicatedThrough;
		if (!this.lastSnapshot.plus(this.settings.snapshotInterval()).isAfter(this.clock.instant())) {
			writeSnapshot(Objects.requireNonNull(this.generation), true);
			this.replica.prune(this.clock.instant().minus(this.settings.retention()));
		}
	}

	private boolean logContinuesReplica() throws IOException {
		WalHeader header = this.wal.header();
		return header == null || continuation(header) != null;
	}

	/**
	 * Copy every whole transaction the log holds after the position into segments.
	 * @return the moment of the last read of the log: every commit of this process before
	 * it is in the replica now
	 * @throws NullPointerException if the log no longer continues the position (another
	 * process checkpointed it since the last check); the next sync begins a new
	 * generation
	 */
	private Instant copyLog() throws IOException, SQLException {
		// What the log holds now, not until it stops growing: under a steady writer that
		// would never end, and the lag and the checkpoint wait for the end of a run. A
		// cut segment is followed by a read at once, so the last read is never a cut one.
		Segment next;
		do {
			next = readSegment();
			WalFrames frames = next.frames();
			if (frames != null) {
				String name = ReplicaFile.name(ReplicaFile.Kind.SEGMENT, this.nextIndex, next.moment());
				// Written without the lease (unless a caller holds it): a slow or failing
				// target never holds up a commit.
				this.replica.write(Objects.requireNonNull(this.generation), name, SegmentFile.encode(frames));
				this.nextIndex++;
				this.segments.incrementAndGet();
				this.lastSegment = name;
				this.position = frames.to();
				this.checkpointedThroughPosition = false;
			}
		}
		while (next.cut());
		return next.moment();
	}

	/**
	 * Read the next run of frames after the position in two steps. First without the
	 * connection's lease, so that commits go on while the bulk of the new frames is read
	 * and checked: only this replicator checkpoints the log while it replicates, so the
	 * log cannot start over under the read, and a frame still being written fails its
	 * checksum and ends the read at the last whole transaction. Then with the lease: no
	 * commit of this process is under way, so the frames read then, up to the end of the
	 * log, make the run hold exactly what was committed at the moment taken, which dates
	 * the segment (a restore to that moment gives that state). A run cut at the segment
	 * size ends at a commit too, and the next run is read at once (the cut segment is
	 * dated with a moment taken under the lease after its read, though it holds only the
	 * commits up to the cut).
	 * @return the frames and their moment, with no frames if the log holds no new ones
	 * (then every commit before the moment is replicated already)
	 */
	private Segment readSegment() throws IOException, SQLException {
		WalFrames bulk = readFrames();
		boolean nothingNew = bulk == null || bulk.isEmpty();
		if (!nothingNew && bulk.bytes().length >= this.segmentBytes) {
			try (Connection connection = this.dataSource.getConnection()) {
				return new Segment(bulk, this.clock.instant(), true);
			}
		}
		Instant moment;
		WalFrames rest;
		try (Connection connection = this.dataSource.getConnection()) {
			moment = this.clock.instant();
			// Only what was committed since the first read, or if it found nothing new
			// (or no log), all the log holds after the position: as little.
			rest = nothingNew ? readFrames() : readFramesAfter(bulk);
		}
		// Joined without the lease: the copy holds up no commit.
		WalFrames frames = nothingNew ? rest : bulk.followedBy(Objects.requireNonNull(rest));
		return (frames != null && !frames.isEmpty())
				? new Segment(frames, moment, frames.bytes().length >= this.segmentBytes)
				: new Segment(null, moment, false);
	}

	/**
	 * Read the whole transactions the log holds after the position, up to the segment
	 * size.
	 * @return the frames, or {@code null} if the log has no header
	 */
	private @Nullable WalFrames readFrames() throws IOException {
		WalHeader header = this.wal.header();
		return (header != null) ? this.wal.framesAfter(header, continuedPosition(header), this.segmentBytes) : null;
	}

	/**
	 * Read the whole transactions the log holds after {@code before}, frames read from it
	 * a moment ago, up to the segment size with them.
	 * @throws IllegalStateException if the log no longer continues {@code before}
	 * (another process checkpointed it and SQLite started it over since); the next sync
	 * begins a new generation
	 */
	private WalFrames readFramesAfter(WalFrames before) throws IOException {
		WalHeader header = this.wal.header();
		WalPosition end = before.to();
		if (header == null || !header.sameRun(end.salt1(), end.salt2())) {
			throw new IllegalStateException("The write-ahead log of " + this.database
					+ " no longer continues the frames just read from it (another process checkpointed it)");
		}
		return this.wal.framesAfter(header, end, this.segmentBytes - before.bytes().length);
	}

	// Where the log continues the replica: the position, or the start of the log's next
	// run once SQLite restarted it after a checkpoint of every replicated frame.
	private WalPosition continuedPosition(WalHeader header) {
		WalPosition at = Objects.requireNonNull(continuation(header),
				"The write-ahead log no longer continues the replica");
		if (!at.equals(this.position)) {
			this.position = at;
			this.checkpointedThroughPosition = false;
		}
		return at;
	}

	private @Nullable WalPosition continuation(WalHeader header) {
		return WalPosition.continuation(this.position, this.checkpointedThroughPosition, header);
	}

	// With the connection leased, so that no commit of this process runs in between:
	// replicate the last frames, then let SQLite checkpoint exactly those.
	private void checkpoint() throws IOException, SQLException {
		// First without the lease (unless a caller holds it): what the log holds now is
		// copied and its segments written while commits go on, so that the leased copy
		// below reads and writes only the commits since.
		copyLog();
		// And the log forced to the disk, the bulk of the checkpoint's own fsync.
		this.wal.force();
		try (Connection connection = this.dataSource.getConnection()) {
			copyLog();
			try (Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
				result.next();
				// The log held exactly the replicated frames, and all are in the
				// database: the next run of the log continues the replica. No position:
				// the generation began on an empty log, which is empty still.
				WalPosition replicated = this.position;
				List<Long> frames = (replicated != null) ? List.of(replicated.frames(), replicated.frames())
						: List.of();
				this.checkpointedThroughPosition = List.of(result.getLong(2), result.getLong(3)).equals(frames);
			}
		}
	}

	private void startGeneration(Instant now) throws IOException, SQLException {
		this.replica.claim(this.database);
		Generation next = this.replica.newGeneration(now);
		this.generation = next;
		this.position = null;
		this.nextIndex = 0;
		this.checkpointedThroughPosition = false;
		writeSnapshot(next, false);
		logger.info("Replicating " + this.database + " to " + this.replica.getRoot() + ", generation " + next.id());
	}

	/**
	 * Write a snapshot of the database as of the current position: with the connection
	 * leased, so that no commit of this process runs, the position is brought to the end
	 * of the log (by copying the log, or for a new generation by passing over it, as the
	 * snapshot holds it), a reader of its own begins a read transaction and the moment is
	 * taken; then the reader copies that state through the online backup while the
	 * application goes on.
	 */
	private void writeSnapshot(Generation into, boolean copyFirst) throws IOException, SQLException {
		try (SQLiteConnection reader = this.dataSource.getDriver().openReadOnly()) {
			reader.setAutoCommit(false);
			Instant time;
			try (Connection connection = this.dataSource.getConnection()) {
				if (copyFirst) {
					copyLog();
				}
				else {
					passOverLog();
				}
				try (Statement statement = reader.createStatement()) {
					statement.executeQuery("SELECT count(*) FROM sqlite_master").close();
				}
				time = this.clock.instant();
			}
			String name = ReplicaFile.name(ReplicaFile.Kind.SNAPSHOT, this.nextIndex, time);
			Path temporary = this.replica.temporary(into, name);
			reader.getDatabase().backup("main", temporary.toString(), null, BUSY_SLEEP_MILLIS, BUSY_RETRIES, ALL_PAGES);
			reader.rollback();
			this.replica.publish(temporary, name);
			this.lastSnapshot = time;
		}
	}

	// A new generation's snapshot holds what the log holds now: the generation continues
	// after it.
	private void passOverLog() throws IOException {
		WalHeader header = this.wal.header();
		if (header != null) {
			WalPosition end = WalPosition.start(header);
			for (WalFrames frames = this.wal.framesAfter(header, end, this.segmentBytes); !frames
				.isEmpty(); frames = this.wal.framesAfter(header, end, this.segmentBytes)) {
				end = frames.to();
			}
			this.position = end;
		}
	}

	/**
	 * A run of frames read from the log.
	 *
	 * @param frames the frames, or {@code null} if the log held no new ones
	 * @param moment every commit before it is in these frames or replicated before them
	 * (but for a cut segment, which holds only the commits up to the cut)
	 * @param cut whether the run stopped at the segment size
	 */
	private record Segment(@Nullable WalFrames frames, Instant moment, boolean cut) {
	}

}
