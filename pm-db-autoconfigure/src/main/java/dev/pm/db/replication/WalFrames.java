package dev.pm.db.replication;

import java.util.Arrays;

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

	/**
	 * Return these frames followed by {@code next}, which begins where these end.
	 */
	WalFrames followedBy(WalFrames next) {
		if (next.isEmpty()) {
			return this;
		}
		byte[] joined = Arrays.copyOf(this.bytes, this.bytes.length + next.bytes().length);
		System.arraycopy(next.bytes(), 0, joined, this.bytes.length, next.bytes().length);
		return new WalFrames(this.pageSize, this.from, next.to(), joined);
	}

}
