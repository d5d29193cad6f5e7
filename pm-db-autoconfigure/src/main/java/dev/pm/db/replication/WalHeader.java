package dev.pm.db.replication;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.jspecify.annotations.Nullable;

/**
 * The 32-byte header of a write-ahead log: page size, checkpoint sequence and the salts
 * every valid frame of this run of the log repeats.
 *
 * @param pageSize the database page size
 * @param checkpointSequence incremented by SQLite each time the log restarts
 * @param salt1 the first salt, incremented by SQLite each time the log restarts
 * @param salt2 the second salt, random at each restart
 * @param order the byte order of the checksums
 * @param checksum the header's checksum, the seed of the first frame's
 * @author pm-db
 */
record WalHeader(int pageSize, int checkpointSequence, int salt1, int salt2, ByteOrder order, WalChecksum checksum) {

	static final int SIZE = 32;

	private static final int MAGIC_LITTLE_ENDIAN = 0x377f0682;

	private static final int MAGIC_BIG_ENDIAN = 0x377f0683;

	private static final int FORMAT_VERSION = 3007000;

	private static final int CHECKSUMMED_BYTES = 24;

	/**
	 * Parse a header, or return {@code null} if the bytes are not a valid one (a log
	 * SQLite has not written yet, or a torn write).
	 */
	static @Nullable WalHeader parse(byte[] bytes) {
		ByteBuffer header = ByteBuffer.wrap(bytes);
		int magic = header.getInt();
		if ((magic != MAGIC_LITTLE_ENDIAN && magic != MAGIC_BIG_ENDIAN) || header.getInt() != FORMAT_VERSION) {
			return null;
		}
		int pageSize = header.getInt();
		int checkpointSequence = header.getInt();
		int salt1 = header.getInt();
		int salt2 = header.getInt();
		ByteOrder order = (magic == MAGIC_BIG_ENDIAN) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
		WalChecksum checksum = WalChecksum.ZERO.update(bytes, 0, CHECKSUMMED_BYTES, order);
		if (checksum.first() != header.getInt() || checksum.second() != header.getInt()) {
			return null;
		}
		return new WalHeader(pageSize(pageSize), checkpointSequence, salt1, salt2, order, checksum);
	}

	/**
	 * Decode a page size as SQLite stores it in a log or database header, where 65536 is
	 * written as 1.
	 */
	static int pageSize(int stored) {
		return (stored == 1) ? 65536 : stored;
	}

	boolean sameRun(int otherSalt1, int otherSalt2) {
		return this.salt1 == otherSalt1 && this.salt2 == otherSalt2;
	}

	/**
	 * Whether this header is the one SQLite writes when it restarts the log that had
	 * {@code previous} as its header, once, and no more.
	 */
	boolean restartedOnceFrom(WalPosition previous) {
		return this.salt1 == previous.salt1() + 1 && this.checkpointSequence == previous.checkpointSequence() + 1;
	}

}
