package dev.pm.db.replication;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.jspecify.annotations.Nullable;

/**
 * Reads the database's write-ahead log while SQLite uses it.
 * <p>
 * Opening and closing a file through {@code java.nio} drops every POSIX lock this process
 * holds on that file. SQLite's unix VFS never locks the {@code -wal} file: in WAL mode
 * its locks are on the database file (the shared lock every connection holds) and on the
 * {@code -shm} file (the WAL-index read, write and checkpoint locks). So this class opens
 * the {@code -wal} file only, and never the database or {@code -shm} file. What it reads
 * needs no lock either: SQLite appends frames and only overwrites them after a restart of
 * the log, which changes the salts, and every frame is checked against the salts and the
 * cumulative checksum, so a frame being written or overwritten while it is read is never
 * taken.
 *
 * @author pm-db
 */
final class WalFile {

	private final Path file;

	WalFile(Path file) {
		this.file = file;
	}

	/**
	 * Return the log's header, or {@code null} if the log is missing, empty or its header
	 * is not valid.
	 * @throws IOException if the log cannot be read
	 */
	@Nullable WalHeader header() throws IOException {
		try (FileChannel channel = open()) {
			return (channel != null) ? readHeader(channel) : null;
		}
	}

	/**
	 * Read the whole transactions after {@code from}, which must be in the run of the log
	 * {@code header} starts, stopping after the first transaction that reaches
	 * {@code maxBytes}.
	 * @throws IOException if the log cannot be read
	 */
	WalFrames framesAfter(WalHeader header, WalPosition from, long maxBytes) throws IOException {
		FrameChain chain = new FrameChain(header.pageSize(), from);
		ByteArrayOutputStream taken = new ByteArrayOutputStream();
		WalPosition to = from;
		try (FileChannel channel = open()) {
			if (channel != null) {
				byte[] frame = new byte[chain.frameSize()];
				ByteArrayOutputStream transaction = new ByteArrayOutputStream();
				long frames = 0;
				long offset = WalHeader.SIZE + from.frames() * chain.frameSize();
				while (taken.size() < maxBytes && readFully(channel, frame, offset) && chain.accept(frame, 0)) {
					transaction.write(frame);
					frames++;
					offset += frame.length;
					if (FrameChain.databaseSizeAfterCommit(frame, 0) != 0) {
						transaction.writeTo(taken);
						transaction.reset();
						to = from.advance(frames, chain.checksum());
					}
				}
			}
		}
		return new WalFrames(header.pageSize(), from, to, taken.toByteArray());
	}

	/**
	 * Force what the log holds to the disk, as SQLite does at the start of a checkpoint
	 * at {@code synchronous=normal} (an {@code fsync} needs no write access), so that
	 * SQLite's own then has only the frames written since to force. A missing log is
	 * nothing to force.
	 * @throws IOException if the log cannot be forced
	 */
	void force() throws IOException {
		try (FileChannel channel = open()) {
			if (channel != null) {
				channel.force(false);
			}
		}
	}

	private @Nullable FileChannel open() throws IOException {
		try {
			return FileChannel.open(this.file, StandardOpenOption.READ);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
	}

	private static @Nullable WalHeader readHeader(FileChannel channel) throws IOException {
		byte[] bytes = new byte[WalHeader.SIZE];
		return readFully(channel, bytes, 0) ? WalHeader.parse(bytes) : null;
	}

	private static boolean readFully(FileChannel channel, byte[] bytes, long position) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		while (buffer.hasRemaining()) {
			if (channel.read(buffer, position + buffer.position()) < 0) {
				return false;
			}
		}
		return true;
	}

}
