package dev.pm.db.replication;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.pm.db.DatabaseException;
import dev.pm.db.DatabaseRestore;
import dev.pm.db.RestoredDatabase;
import dev.pm.db.support.IntegrityChecker;
import dev.pm.db.support.NewFile;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.sqlite.JDBC;
import org.sqlite.SQLiteConfig;

/**
 * Restores a database from a replica directory alone: the last snapshot at or before the
 * moment, then the segments after it up to the moment, each checked frame by frame before
 * any of it is applied. The database is built under a temporary name beside the target,
 * checked, then renamed into the target's place, which the restore claimed first so that
 * it never overwrites a file.
 *
 * @author pm-db
 * @since 0.1.0
 */
public class ReplicaRestore implements DatabaseRestore {

	private static final Log logger = LogFactory.getLog(ReplicaRestore.class);

	private static final int PAGE_SIZE_OFFSET = 16;

	private static final int WRITE_VERSION_OFFSET = 18;

	private static final byte ROLLBACK_JOURNAL = 1;

	private final ReplicaDirectory replica;

	private final Set<PosixFilePermission> permissions;

	/**
	 * Create a restore from one replica directory.
	 * @param replicaDirectory the directory replication writes to
	 * @param permissions the POSIX permissions of the restored database (ignored without
	 * POSIX)
	 */
	public ReplicaRestore(Path replicaDirectory, Set<PosixFilePermission> permissions) {
		this.replica = new ReplicaDirectory(replicaDirectory);
		this.permissions = Set.copyOf(permissions);
	}

	@Override
	public RestoredDatabase restore(Path target, Instant pointInTime) {
		Path file = target.toAbsolutePath().normalize();
		Plan plan = plan(file, pointInTime);
		claim(file);
		Path building = file.resolveSibling("." + file.getFileName() + ".restoring");
		try {
			RestoredDatabase restored = build(plan, building, file);
			Files.move(building, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			if (restored.problem() != null) {
				logger.warn(restored.problem());
			}
			return restored;
		}
		catch (IOException | SQLException | RuntimeException ex) {
			// Only what this restore created: the claimed (empty) target and the build.
			// java.io on files SQLite has closed: a failed delete leaves an empty file.
			building.toFile().delete();
			file.toFile().delete();
			if (ex instanceof DatabaseException databaseException) {
				throw databaseException;
			}
			throw new DatabaseException(file, "Cannot restore " + file + " from " + this.replica.getRoot() + ": " + ex,
					ex);
		}
	}

	private Plan plan(Path file, Instant pointInTime) {
		try {
			if (this.replica.owner() == null) {
				throw new DatabaseException(file, this.replica.getRoot() + " is not a pm-db replica (it has no "
						+ ReplicaDirectory.IDENTITY + ")");
			}
			Plan plan = null;
			Instant earliest = null;
			for (Generation generation : this.replica.generations()) {
				List<ReplicaFile> files = generation.files();
				ReplicaFile snapshot = null;
				for (ReplicaFile candidate : files) {
					if (candidate.kind() == ReplicaFile.Kind.SNAPSHOT) {
						earliest = (earliest != null) ? earliest : candidate.time();
						if (!candidate.time().isAfter(pointInTime)) {
							snapshot = candidate;
						}
					}
				}
				if (snapshot != null) {
					plan = new Plan(snapshot, segmentsAfter(snapshot, files, pointInTime));
				}
			}
			if (plan == null) {
				throw new DatabaseException(file,
						"Replica " + this.replica.getRoot() + " has no snapshot at or before " + pointInTime
								+ ((earliest != null) ? "; the earliest moment it can restore is " + earliest
										: "; it holds no snapshot yet"));
			}
			return plan;
		}
		catch (IOException ex) {
			throw new DatabaseException(file, "Cannot read replica " + this.replica.getRoot() + ": " + ex, ex);
		}
	}

	private static List<ReplicaFile> segmentsAfter(ReplicaFile snapshot, List<ReplicaFile> files, Instant pointInTime) {
		List<ReplicaFile> segments = new ArrayList<>();
		for (ReplicaFile file : files) {
			if (file.kind() == ReplicaFile.Kind.SEGMENT && file.index() >= snapshot.index()
					&& !file.time().isAfter(pointInTime)) {
				segments.add(file);
			}
		}
		return segments;
	}

	private void claim(Path file) {
		try {
			NewFile.create(file, this.permissions);
		}
		catch (FileAlreadyExistsException ex) {
			throw new DatabaseException(file,
					"Restore target " + file + " exists; a restore never overwrites a file. Choose a new name", ex);
		}
		catch (IOException ex) {
			throw new DatabaseException(file, "Cannot create restore target " + file + ": " + ex, ex);
		}
	}

	private RestoredDatabase build(Plan plan, Path building, Path file) throws IOException, SQLException {
		Files.deleteIfExists(building);
		NewFile.create(building, this.permissions);
		Instant restoredTo = plan.snapshot().time();
		String problem = null;
		try (FileChannel database = FileChannel.open(building, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
			database.write(ByteBuffer.wrap(Files.readAllBytes(plan.snapshot().path())));
			int pageSize = pageSize(database);
			long expected = plan.snapshot().index();
			for (ReplicaFile segment : plan.segments()) {
				problem = (segment.index() != expected)
						? "segment " + expected + " is missing (the next one is " + segment.path() + ")"
						: apply(database, segment, pageSize);
				if (problem != null) {
					problem = "Restore of " + file + " stopped at " + restoredTo + ", the last good moment: " + problem;
					break;
				}
				restoredTo = segment.time();
				expected++;
			}
			// A plain rollback-journal file: checking it creates no -wal or -shm, and
			// pm-db switches it to WAL when it opens it.
			database.write(ByteBuffer.wrap(new byte[] { ROLLBACK_JOURNAL, ROLLBACK_JOURNAL }), WRITE_VERSION_OFFSET);
			database.force(true);
		}
		SQLiteConfig readOnly = new SQLiteConfig();
		readOnly.setReadOnly(true);
		try (Connection restored = JDBC.createConnection("jdbc:sqlite:" + building, readOnly.toProperties())) {
			IntegrityChecker.requireSound(restored, false, file);
		}
		return new RestoredDatabase(file, restoredTo, problem);
	}

	private static int pageSize(FileChannel database) throws IOException {
		ByteBuffer bytes = ByteBuffer.allocate(2);
		database.read(bytes, PAGE_SIZE_OFFSET);
		return WalHeader.pageSize(Short.toUnsignedInt(bytes.getShort(0)));
	}

	/**
	 * Apply a segment's transactions to the database, or change nothing if any of it is
	 * damaged.
	 * @return why the segment cannot be used, or {@code null} if it was applied
	 */
	private static @Nullable String apply(FileChannel database, ReplicaFile segment, int pageSize) throws IOException {
		WalFrames frames;
		try {
			frames = SegmentFile.decode(Files.readAllBytes(segment.path()));
			if (frames.pageSize() != pageSize) {
				throw new InvalidReplicaException(
						"its pages are " + frames.pageSize() + " bytes, the snapshot's " + pageSize);
			}
		}
		catch (InvalidReplicaException ex) {
			return segment.path() + " (" + segment.time() + ") cannot be used: " + ex.getMessage();
		}
		byte[] bytes = frames.bytes();
		int frameSize = FrameChain.FRAME_HEADER_SIZE + pageSize;
		long pages = 0;
		for (int offset = 0; offset < bytes.length; offset += frameSize) {
			long page = FrameChain.pageNumber(bytes, offset);
			database.write(ByteBuffer.wrap(bytes, offset + FrameChain.FRAME_HEADER_SIZE, pageSize),
					(page - 1) * pageSize);
			int committed = FrameChain.databaseSizeAfterCommit(bytes, offset);
			if (committed != 0) {
				pages = committed;
			}
		}
		database.truncate(pages * pageSize);
		return null;
	}

	private record Plan(ReplicaFile snapshot, List<ReplicaFile> segments) {
	}

}
