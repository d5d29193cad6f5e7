package dev.pm.db.replication;

/**
 * A run of whole transactions read from the write-ahead log: the frames between two
 * positions of one run of the log.
 *
 * @param pageSize the database page size
 * @param from the position before the first frame
 * @param to the position after the last frame, which ends a transaction
 * @param bytes the frames as SQLite wrote them (header and page each)
 * @author pm-db
 */
record WalFrames(int pageSize, WalPosition from, WalPosition to, byte[] bytes) {

	long frameCount() {
		return this.to.frames() - this.from.frames();
	}

	boolean isEmpty() {
		return this.bytes.length == 0;
	}

}
