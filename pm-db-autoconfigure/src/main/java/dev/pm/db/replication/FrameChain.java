package dev.pm.db.replication;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Checks write-ahead log frames the way SQLite does when it recovers a log: a frame is
 * valid if it repeats the run's salts and its checksum continues the previous frame's.
 * The same check guards the frames read from the log and those read back from segments.
 *
 * @author pm-db
 */
final class FrameChain {

	static final int FRAME_HEADER_SIZE = 24;

	private static final int SALT_OFFSET = 8;

	private static final int CHECKSUM_OFFSET = 16;

	private final int pageSize;

	private final int salt1;

	private final int salt2;

	private final ByteOrder order;

	private WalChecksum checksum;

	FrameChain(int pageSize, WalPosition position) {
		this.pageSize = pageSize;
		this.salt1 = position.salt1();
		this.salt2 = position.salt2();
		this.order = position.order();
		this.checksum = position.checksum();
	}

	int frameSize() {
		return FRAME_HEADER_SIZE + this.pageSize;
	}

	/**
	 * Check the frame at {@code offset} and, if it is valid, continue the chain after it.
	 * @return whether the frame is valid
	 */
	boolean accept(byte[] bytes, int offset) {
		ByteBuffer header = ByteBuffer.wrap(bytes, offset, FRAME_HEADER_SIZE);
		if (header.getInt(offset + SALT_OFFSET) != this.salt1
				|| header.getInt(offset + SALT_OFFSET + 4) != this.salt2) {
			return false;
		}
		WalChecksum next = this.checksum.update(bytes, offset, 8, this.order)
			.update(bytes, offset + FRAME_HEADER_SIZE, this.pageSize, this.order);
		if (next.first() != header.getInt(offset + CHECKSUM_OFFSET)
				|| next.second() != header.getInt(offset + CHECKSUM_OFFSET + 4)) {
			return false;
		}
		this.checksum = next;
		return true;
	}

	WalChecksum checksum() {
		return this.checksum;
	}

	static int pageNumber(byte[] bytes, int offset) {
		return ByteBuffer.wrap(bytes).getInt(offset);
	}

	/**
	 * Return the database size in pages that a commit frame records, or 0 for a frame
	 * that does not end a transaction.
	 */
	static int databaseSizeAfterCommit(byte[] bytes, int offset) {
		return ByteBuffer.wrap(bytes).getInt(offset + 4);
	}

}
