package dev.pm.db.replication;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The write-ahead log and segment formats, on logs built here byte by byte as SQLite
 * writes them.
 */
class WalFormatTests {

	static final int LITTLE = 0x377f0682;

	static final int BIG = 0x377f0683;

	static final int PAGE = 512;

	@TempDir
	Path dir;

	static byte[] header(int magic, int storedPageSize, int checkpointSequence, int salt1, int salt2) {
		ByteOrder order = (magic == BIG) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
		ByteBuffer header = ByteBuffer.allocate(WalHeader.SIZE)
			.putInt(magic)
			.putInt(3007000)
			.putInt(storedPageSize)
			.putInt(checkpointSequence)
			.putInt(salt1)
			.putInt(salt2);
		WalChecksum checksum = WalChecksum.ZERO.update(header.array(), 0, 24, order);
		return header.putInt(checksum.first()).putInt(checksum.second()).array();
	}

	/**
	 * Frames continuing {@code position}, the last {@code commits} pages a commit each.
	 */
	static byte[] frames(WalPosition position, int... commitSizes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		WalChecksum checksum = position.checksum();
		for (int i = 0; i < commitSizes.length; i++) {
			ByteBuffer frame = ByteBuffer.allocate(FrameChain.FRAME_HEADER_SIZE + PAGE)
				.putInt(i + 1)
				.putInt(commitSizes[i])
				.putInt(position.salt1())
				.putInt(position.salt2());
			Arrays.fill(frame.array(), FrameChain.FRAME_HEADER_SIZE, frame.capacity(), (byte) (i + 7));
			checksum = checksum.update(frame.array(), 0, 8, position.order())
				.update(frame.array(), FrameChain.FRAME_HEADER_SIZE, PAGE, position.order());
			frame.putInt(checksum.first()).putInt(checksum.second());
			out.writeBytes(frame.array());
		}
		return out.toByteArray();
	}

	@Test
	void aHeaderOfEitherByteOrderIsReadWithItsPageSizeAndSalts() {
		WalHeader little = WalHeader.parse(header(LITTLE, 4096, 3, 10, 20));
		assertThat(little).isNotNull();
		assertThat(little.pageSize()).isEqualTo(4096);
		assertThat(little.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
		assertThat(little.sameRun(10, 20)).isTrue();
		WalHeader big = WalHeader.parse(header(BIG, 1, 3, 10, 20));
		assertThat(big.order()).isEqualTo(ByteOrder.BIG_ENDIAN);
		assertThat(big.pageSize()).isEqualTo(65536);
	}

	@Test
	void aHeaderWithAWrongMagicVersionOrChecksumIsNoHeader() {
		assertThat(WalHeader.parse(header(0x12345678, 4096, 0, 1, 2))).isNull();
		byte[] wrongVersion = header(LITTLE, 4096, 0, 1, 2);
		wrongVersion[7] ^= 1;
		assertThat(WalHeader.parse(wrongVersion)).isNull();
		byte[] wrongFirstSum = header(LITTLE, 4096, 0, 1, 2);
		wrongFirstSum[24] ^= 1;
		assertThat(WalHeader.parse(wrongFirstSum)).isNull();
		byte[] wrongSecondSum = header(LITTLE, 4096, 0, 1, 2);
		wrongSecondSum[31] ^= 1;
		assertThat(WalHeader.parse(wrongSecondSum)).isNull();
	}

	@Test
	void theLogContinuesTheReplicaInTheSameRunOrOnlyAfterOneRestartFollowingAFullCheckpoint() {
		WalHeader run = WalHeader.parse(header(LITTLE, PAGE, 5, 100, 7));
		WalPosition at = WalPosition.start(run).advance(3, new WalChecksum(1, 2));
		assertThat(WalPosition.continuation(null, false, run)).isEqualTo(WalPosition.start(run));
		assertThat(WalPosition.continuation(at, false, run)).isEqualTo(at);
		assertThat(WalPosition.continuation(at, false, WalHeader.parse(header(LITTLE, PAGE, 5, 100, 8)))).isNull();
		WalHeader restarted = WalHeader.parse(header(LITTLE, PAGE, 6, 101, 9));
		assertThat(WalPosition.continuation(at, true, restarted)).isEqualTo(WalPosition.start(restarted));
		assertThat(WalPosition.continuation(at, false, restarted)).isNull();
		assertThat(WalPosition.continuation(at, true, WalHeader.parse(header(LITTLE, PAGE, 7, 102, 9)))).isNull();
		assertThat(WalPosition.continuation(at, true, WalHeader.parse(header(LITTLE, PAGE, 7, 101, 9)))).isNull();
	}

	@Test
	void readingTheLogTakesWholeTransactionsOnlyAndStopsAtAFrameOfAnotherRunOrABadChecksum() throws IOException {
		byte[] header = header(BIG, PAGE, 0, 1, 2);
		WalHeader parsed = WalHeader.parse(header);
		WalPosition start = WalPosition.start(parsed);
		byte[] frames = frames(start, 0, 2, 0, 3, 0);
		Path log = this.dir.resolve("db-wal");
		Files.write(log, concat(header, frames));
		WalFile wal = new WalFile(log);
		assertThat(wal.header()).isEqualTo(parsed);
		WalFrames read = wal.framesAfter(parsed, start, Long.MAX_VALUE);
		assertThat(read.frameCount()).isEqualTo(4);
		assertThat(read.to().frames()).isEqualTo(4);
		assertThat(wal.framesAfter(parsed, start, 1).frameCount()).as("stops after the first transaction").isEqualTo(2);
		assertThat(wal.framesAfter(parsed, read.to(), Long.MAX_VALUE).isEmpty()).isTrue();
		byte[] otherSalt = concat(header, frames(start.advance(0, start.checksum()), 0, 2));
		otherSalt[WalHeader.SIZE + 12] ^= 1;
		Files.write(log, otherSalt);
		assertThat(wal.framesAfter(parsed, start, Long.MAX_VALUE).isEmpty()).isTrue();
		byte[] otherFirstSalt = concat(header, frames(start, 2));
		otherFirstSalt[WalHeader.SIZE + 8] ^= 1;
		Files.write(log, otherFirstSalt);
		assertThat(wal.framesAfter(parsed, start, Long.MAX_VALUE).isEmpty()).isTrue();
		for (int checksumByte : new int[] { 16, 20 }) {
			byte[] damaged = concat(header, frames(start, 2));
			damaged[WalHeader.SIZE + checksumByte] ^= 1;
			Files.write(log, damaged);
			assertThat(wal.framesAfter(parsed, start, Long.MAX_VALUE).isEmpty()).isTrue();
		}
	}

	@Test
	void aMissingOrShortLogHasNoHeaderAndNoFrames() throws IOException {
		Path log = this.dir.resolve("db-wal");
		WalFile wal = new WalFile(log);
		assertThat(wal.header()).isNull();
		WalHeader parsed = WalHeader.parse(header(LITTLE, PAGE, 0, 1, 2));
		assertThat(wal.framesAfter(parsed, WalPosition.start(parsed), Long.MAX_VALUE).isEmpty()).isTrue();
		Files.write(log, new byte[10]);
		assertThat(wal.header()).isNull();
	}

	@Test
	void aSegmentRoundTripsInEitherByteOrder() {
		for (int magic : new int[] { LITTLE, BIG }) {
			WalPosition start = WalPosition.start(WalHeader.parse(header(magic, PAGE, 0, 1, 2)));
			byte[] frames = frames(start, 0, 2);
			WalFrames decoded = SegmentFile.decode(
					SegmentFile.encode(new WalFrames(PAGE, start, start.advance(2, new WalChecksum(0, 0)), frames)));
			assertThat(decoded.bytes()).isEqualTo(frames);
			assertThat(decoded.from().order()).isEqualTo(start.order());
		}
	}

	@Test
	void aSegmentThatIsShortForeignOfBadPageSizeOrUncommittedIsRefusedWithTheReason() {
		WalPosition start = WalPosition.start(WalHeader.parse(header(LITTLE, PAGE, 0, 1, 2)));
		byte[] segment = SegmentFile
			.encode(new WalFrames(PAGE, start, start.advance(1, new WalChecksum(0, 0)), frames(start, 0)));
		assertThatExceptionOfType(InvalidReplicaException.class).isThrownBy(() -> SegmentFile.decode(new byte[3]))
			.withMessageContaining("not a pm-db segment");
		byte[] foreign = segment.clone();
		foreign[0] = 'X';
		assertThatExceptionOfType(InvalidReplicaException.class).isThrownBy(() -> SegmentFile.decode(foreign))
			.withMessageContaining("not a pm-db segment");
		byte[] badPageSize = segment.clone();
		ByteBuffer.wrap(badPageSize).putInt(8, 256);
		assertThatExceptionOfType(InvalidReplicaException.class).isThrownBy(() -> SegmentFile.decode(badPageSize))
			.withMessageContaining("truncated");
		assertThatExceptionOfType(InvalidReplicaException.class).isThrownBy(() -> SegmentFile.decode(segment))
			.withMessageContaining("does not end with a committed transaction");
		byte[] empty = SegmentFile.encode(new WalFrames(PAGE, start, start, new byte[0]));
		assertThatExceptionOfType(InvalidReplicaException.class).isThrownBy(() -> SegmentFile.decode(empty))
			.withMessageContaining("does not end with a committed transaction");
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	@Test
	void forcingTheLogToTheDiskLeavesItAsItWasAndAMissingLogIsNothingToForce() throws IOException {
		Path log = this.dir.resolve("pm.db-wal");
		byte[] bytes = header(LITTLE, PAGE, 1, 2, 3);
		Files.write(log, bytes);
		new WalFile(log).force();
		assertThat(log).hasBinaryContent(bytes);
		new WalFile(this.dir.resolve("missing.db-wal")).force();
		assertThat(this.dir.resolve("missing.db-wal")).doesNotExist();
	}

}
