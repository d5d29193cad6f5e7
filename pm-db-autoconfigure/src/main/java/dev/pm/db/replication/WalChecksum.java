package dev.pm.db.replication;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * SQLite's cumulative write-ahead log checksum: two 32-bit sums over 32-bit words, in the
 * byte order the log's magic number names, each frame's sum continuing the previous one.
 *
 * @param first the first sum
 * @param second the second sum
 * @author pm-db
 */
record WalChecksum(int first, int second) {

	static final WalChecksum ZERO = new WalChecksum(0, 0);

	WalChecksum update(byte[] bytes, int offset, int length, ByteOrder order) {
		ByteBuffer words = ByteBuffer.wrap(bytes, offset, length).order(order);
		int s1 = this.first;
		int s2 = this.second;
		// Lengths are multiples of 8: 24 header bytes, 8 frame header bytes, pages.
		while (words.hasRemaining()) {
			s1 += words.getInt() + s2;
			s2 += words.getInt() + s1;
		}
		return new WalChecksum(s1, s2);
	}

}
