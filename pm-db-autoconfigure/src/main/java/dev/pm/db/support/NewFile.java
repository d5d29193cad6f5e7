package dev.pm.db.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates a file that has exactly the configured permissions from its first moment: a
 * database, a backup, a restored database. No window in which another user could open it.
 *
 * @author pm-db
 * @since 0.1.0
 */
public final class NewFile {

	private NewFile() {
	}

	/**
	 * Create a file, which must not exist yet, with exactly these permissions (on a file
	 * system without POSIX permissions, with its defaults).
	 * @param file the file to create
	 * @param permissions its permissions
	 * @throws java.nio.file.FileAlreadyExistsException if the file exists (it is left
	 * unchanged)
	 * @throws IOException if the file cannot be created
	 */
	public static void create(Path file, Set<PosixFilePermission> permissions) throws IOException {
		boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
		Files.createFile(file, posix ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(permissions) }
				: new FileAttribute<?>[0]);
		// The umask may have taken away what the configuration grants (group access,
		// say).
		if (posix && !Files.getPosixFilePermissions(file).equals(permissions)) {
			Files.setPosixFilePermissions(file, permissions);
		}
	}

}
