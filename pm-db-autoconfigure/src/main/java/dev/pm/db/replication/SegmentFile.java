package dev.pm.db.replication;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The format of a segment: a header that says which run of the write-ahead log the frames
 * belong to and the checksum they continue, then the frames as SQLite wrote them, so that
 * a restore checks them as SQLite would.
 *
 * @author pm-db
 */
final class SegmentFile {

	private static final byte[] MAGIC = "PMDBSEG1".getBytes(StandardCharsets.US_ASCII);

	private static final int HEADER_SIZE = MAGIC.length + 4 * 7 + 1;

	private SegmentFile() {
	}

	static byte[] encode(WalFrames frames) {
		WalPosition from = frames.from();
		ByteBuffer buffer = ByteBuffer.allocate(HEADER_SIZE + frames.bytes().length);
		buffer.put(MAGIC)
			.putInt(frames.pageSize())
			.putInt(from.checkpointSequence())
			.putInt(from.salt1())
			.putInt(from.salt2())
			.put((byte) ((from.order() == ByteOrder.BIG_ENDIAN) ? 1 : 0))
			.putInt(from.checksum().first())
			.putInt(from.checksum().second())
			.putInt((int) frames.frameCount())
			.put(frames.bytes());
		return buffer.array();
	}

	/**
	 * Decode a segment and check every frame.
	 * @param bytes the segment file's content
	 * @return the frames
	 * @throws InvalidReplicaException if the segment is truncated or damaged
	 */
	static WalFrames decode(byte[] bytes) {
		if (bytes.length < HEADER_SIZE || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
			throw new InvalidReplicaException("it is not a pm-db segment, or its header is truncated");
		}
		ByteBuffer buffer = ByteBuffer.wrap(bytes, MAGIC.length, HEADER_SIZE - MAGIC.length);
		int pageSize = buffer.getInt();
		int checkpointSequence = buffer.getInt();
		int salt1 = buffer.getInt();
		int salt2 = buffer.getInt();
		ByteOrder order = (buffer.get() == 1) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
		WalChecksum seed = new WalChecksum(buffer.getInt(), buffer.getInt());
		int frameCount = buffer.getInt();
		WalPosition from = new WalPosition(checkpointSequence, salt1, salt2, order, 0, seed);
		FrameChain chain = new FrameChain(pageSize, from);
		if (pageSize < 512 || (long) frameCount * chain.frameSize() != bytes.length - HEADER_SIZE) {
			throw new InvalidReplicaException("it is truncated: its header promises " + frameCount + " frames of "
					+ pageSize + "-byte pages, it holds " + (bytes.length - HEADER_SIZE) + " bytes of frames");
		}
		byte[] frameBytes = Arrays.copyOfRange(bytes, HEADER_SIZE, bytes.length);
		for (int frame = 0; frame < frameCount; frame++) {
			if (!chain.accept(frameBytes, frame * chain.frameSize())) {
				throw new InvalidReplicaException(
						"frame " + (frame + 1) + " of " + frameCount + " fails the write-ahead log checksum (damaged)");
			}
		}
		if (frameCount == 0
				|| FrameChain.databaseSizeAfterCommit(frameBytes, (frameCount - 1) * chain.frameSize()) == 0) {
			throw new InvalidReplicaException("it does not end with a committed transaction");
		}
		return new WalFrames(pageSize, from, from.advance(frameCount, chain.checksum()), frameBytes);
	}

}
