package dev.pm.db.replication;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates the replica's files {@code rw-------} and directories {@code rwx------} (a
 * umask can only take more away), on a file system without POSIX permissions with its
 * defaults.
 *
 * @author pm-db
 */
final class PrivateFiles {

	private final FileAttribute<?>[] file;

	private final FileAttribute<?>[] directory;

	PrivateFiles(boolean posix) {
		this.file = posix
				? new FileAttribute<?>[] {
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) }
				: new FileAttribute<?>[0];
		this.directory = posix
				? new FileAttribute<?>[] {
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")) }
				: new FileAttribute<?>[0];
	}

	static PrivateFiles of(Path path) {
		return new PrivateFiles(path.getFileSystem().supportedFileAttributeViews().contains("posix"));
	}

	void createDirectories(Path dir) throws IOException {
		Files.createDirectories(dir, this.directory);
	}

	Path createFile(Path path) throws IOException {
		return Files.createFile(path, this.file);
	}

	FileChannel openForWriting(Path path) throws IOException {
		return FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), this.file);
	}

	/**
	 * Write a file whole: under a temporary name, forced to the disk, then renamed, so
	 * that it never exists half-written under its name.
	 */
	void writeAtomically(Path path, byte[] content) throws IOException {
		Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
		Files.deleteIfExists(temporary);
		try (FileChannel channel = FileChannel.open(temporary,
				Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), this.file)) {
			ByteBuffer buffer = ByteBuffer.wrap(content);
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			channel.force(true);
		}
		catch (IOException ex) {
			Files.deleteIfExists(temporary);
			throw ex;
		}
		Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
	}

}
