package dev.pm.db.replication;

import java.nio.ByteOrder;

import org.jspecify.annotations.Nullable;

/**
 * How far into one run of the write-ahead log the replica reaches: every frame before
 * {@code frames} is replicated, and the next valid frame continues {@code checksum}.
 *
 * @param checkpointSequence the log header's checkpoint sequence
 * @param salt1 the run's first salt
 * @param salt2 the run's second salt
 * @param order the byte order of the run's checksums
 * @param frames the number of frames of the run that are replicated
 * @param checksum the cumulative checksum after the last replicated frame
 * @author pm-db
 */
record WalPosition(int checkpointSequence, int salt1, int salt2, ByteOrder order, long frames, WalChecksum checksum) {

	static WalPosition start(WalHeader header) {
		return new WalPosition(header.checkpointSequence(), header.salt1(), header.salt2(), header.order(), 0,
				header.checksum());
	}

	/**
	 * Return where a log with {@code header} continues the replica at {@code current}:
	 * the same run, any run if the replica's generation began before the log had one, or
	 * the run SQLite began after a checkpoint of exactly the replicated frames; otherwise
	 * {@code null}, continuity is lost.
	 */
	static @Nullable WalPosition continuation(@Nullable WalPosition current, boolean checkpointedThrough,
			WalHeader header) {
		if (current == null) {
			return start(header);
		}
		if (header.sameRun(current.salt1(), current.salt2())) {
			return current;
		}
		return (checkpointedThrough && header.restartedOnceFrom(current)) ? start(header) : null;
	}

	WalPosition advance(long moreFrames, WalChecksum newChecksum) {
		return new WalPosition(this.checkpointSequence, this.salt1, this.salt2, this.order, this.frames + moreFrames,
				newChecksum);
	}

}
