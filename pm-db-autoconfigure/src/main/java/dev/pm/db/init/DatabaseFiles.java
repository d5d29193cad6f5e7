package dev.pm.db.init;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.pm.db.DatabaseException;
import dev.pm.db.DatabaseNotFoundException;
import dev.pm.db.DatabasePath;
import dev.pm.db.support.NewFile;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The database file and its companions on disk: creates a missing one with the configured
 * permissions from the first moment, refuses a path that cannot be a database, and
 * tightens permissions that are looser than configured. Files are only inspected through
 * their attributes: opening and closing a stream on a file SQLite has open would drop
 * SQLite's locks, which belong to the process.
 *
 * @author pm-db
 * @since 0.1.0
 */
public class DatabaseFiles implements FileSteps {

	private static final Log logger = LogFactory.getLog(DatabaseFiles.class);

	// The last: pm-db's record of a clean close, which only this user may write.
	private static final List<String> COMPANION_SUFFIXES = List.of("", "-wal", "-shm", "-journal",
			CleanCloseRecord.SUFFIX);

	private static final int OTHERS_WRITE = 0002;

	private static final int STICKY = 01000;

	private static final int OWNER_WRITE_SEARCH = 0300;

	private static final int ROOT = 0;

	private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");

	private final Path file;

	private final boolean createIfMissing;

	private final Set<PosixFilePermission> permissions;

	private final boolean posix;

	// Owners and modes by number: only where the file system has the "unix" view.
	private final boolean unix;

	private final long processUid;

	private final CleanCloseRecord cleanCloseRecord;

	/**
	 * Create the file steps for one database, for this process's user.
	 * @param file the absolute database file
	 * @param createIfMissing whether a missing file is created rather than refused
	 * @param permissions the POSIX permissions of the database and its companion files;
	 * ignored on a file system without POSIX permissions
	 */
	public DatabaseFiles(Path file, boolean createIfMissing, Set<PosixFilePermission> permissions) {
		this(file, createIfMissing, permissions, -1);
	}

	// Package-private: tests act as another user by naming another uid (-1: this
	// process's).
	DatabaseFiles(Path file, boolean createIfMissing, Set<PosixFilePermission> permissions, long processUid) {
		this.file = file;
		this.createIfMissing = createIfMissing;
		this.permissions = Set.copyOf(permissions);
		Set<String> views = file.getFileSystem().supportedFileAttributeViews();
		this.posix = views.contains("posix");
		this.unix = views.contains("unix");
		this.processUid = (processUid >= 0 || !this.unix) ? processUid : ProcessUser.uid();
		this.cleanCloseRecord = new CleanCloseRecord(file, this.unix, attributes(OWNER_READ_WRITE));
	}

	/**
	 * Return the database file.
	 * @return the absolute path
	 */
	public Path getFile() {
		return this.file;
	}

	/**
	 * Create the database file if it is missing, or check that the existing path can be a
	 * database: a regular file its owner can read and write. Changes nothing that exists.
	 * @throws DatabaseNotFoundException if the file is missing and may not be created
	 * @throws DatabaseException if the path cannot be a database
	 */
	@Override
	public void prepare() {
		Path parent = this.file.getParent();
		if (this.unix && Files.isDirectory(parent)) {
			requireSafeDirectory(parent);
		}
		if (Files.exists(this.file, LinkOption.NOFOLLOW_LINKS)) {
			checkExisting();
		}
		else {
			create();
		}
		requirePlainCompanions();
	}

	// Whoever may rename entries of the directory may put another file in the database's
	// place.
	private void requireSafeDirectory(Path directory) {
		int mode = (Integer) attribute(directory, "unix:mode");
		if ((mode & OTHERS_WRITE) != 0 && (mode & STICKY) == 0) {
			throw new DatabaseException(this.file, "The directory " + directory + " of database " + this.file
					+ " may be written by every user and has no sticky bit, so anyone could replace the database;"
					+ " use a directory only its owner may write (or one with the sticky bit, like /tmp)");
		}
		long owner = ((Number) attribute(directory, "unix:uid")).longValue();
		if (owner != this.processUid && owner != ROOT) {
			throw new DatabaseException(this.file,
					"The directory " + directory + " of database " + this.file + " belongs to " + ownerOf(directory)
							+ ", not to the user running this application (uid " + this.processUid
							+ "), who could replace the database; use a directory of your own");
		}
		// The owner's bits, as for the file: SQLite creates -wal, -shm and -journal
		// beside it.
		if (owner == this.processUid && (mode & OWNER_WRITE_SEARCH) != OWNER_WRITE_SEARCH) {
			throw new DatabaseException(this.file,
					"Permission denied: the directory " + directory + " of database " + this.file + " has mode "
							+ PosixFilePermissions.toString(readPermissionsOf(directory))
							+ ", but SQLite needs to create the -wal, -shm and -journal files there: its owner ("
							+ ownerOf(directory) + ") needs rwx, as in chmod u+rwx " + directory);
		}
	}

	// SQLite opens these without asking: a FIFO hangs it, a link writes elsewhere, a file
	// of another user leaks or changes the data.
	private void requirePlainCompanions() {
		for (String suffix : COMPANION_SUFFIXES.subList(1, COMPANION_SUFFIXES.size())) {
			Path companion = companion(suffix);
			lookAt(companion, LinkOption.NOFOLLOW_LINKS).ifPresent((attributes) -> {
				if (!isRegularFile(attributes)) {
					throw new DatabaseException(this.file, "The file " + companion + " beside database " + this.file
							+ " is not a regular file (a link, a FIFO or a device), so SQLite cannot use it safely;"
							+ " the database was left unchanged. Remove or rename " + companion);
				}
				if (this.unix) {
					requireOwned(companion, attributes.get("uid"));
				}
			});
		}
	}

	private void requireOwned(Path path, Object uid) {
		if (((Number) uid).longValue() != this.processUid) {
			throw new DatabaseException(this.file, "The file " + path + " belongs to " + ownerOf(path)
					+ ", not to the user running this application (uid " + this.processUid + "): its owner could"
					+ " read or change every row. It was left unchanged; use a database file of your own, or run"
					+ " the application as " + ownerOf(path));
		}
	}

	private String ownerOf(Path path) {
		return "user '" + onAttributesOf(path, () -> Files.getOwner(path).getName()) + "' (uid "
				+ attribute(path, "unix:uid") + ")";
	}

	private Object attribute(Path path, String name) {
		return onAttributesOf(path, () -> Files.getAttribute(path, name));
	}

	private void create() {
		if (!this.createIfMissing) {
			throw new DatabaseNotFoundException(this.file);
		}
		try {
			Path parent = this.file.getParent();
			if (!Files.isDirectory(parent)) {
				Files.createDirectories(parent, attributes(DIRECTORY_PERMISSIONS));
			}
			createFile();
		}
		catch (IOException ex) {
			throw new DatabaseException(this.file, "Cannot create database file " + this.file + ": " + ex, ex);
		}
	}

	// Package-private: tests create the file first, as another process may between look
	// and create.
	void createFile() throws IOException {
		try {
			createNew();
		}
		catch (FileAlreadyExistsException ex) {
			checkExisting();
		}
	}

	/**
	 * Create the file, which must not exist yet, with exactly the configured permissions
	 * from the first moment.
	 * @throws FileAlreadyExistsException if the file exists (it is left unchanged)
	 * @throws IOException if the file cannot be created
	 */
	public void createNew() throws IOException {
		NewFile.create(this.file, this.permissions);
	}

	private FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) {
		return this.posix ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(permissions) }
				: new FileAttribute<?>[0];
	}

	private void checkExisting() {
		if (!Files.isRegularFile(this.file)) {
			throw new DatabaseException(this.file, "Database path " + this.file + " exists but is not a regular file"
					+ (Files.isDirectory(this.file) ? " (it is a directory)" : ""));
		}
		if (this.unix) {
			requireOwned(this.file, attribute(this.file, "unix:uid"));
		}
		// The owner's bits, not access(2): root may read anything, yet a file made
		// read-only is meant so.
		if (this.posix) {
			Set<PosixFilePermission> current = readPermissionsOf(this.file);
			if (!current.containsAll(OWNER_READ_WRITE)) {
				throw new DatabaseException(this.file,
						"Database file " + this.file + " is not readable and writable by its owner ("
								+ PosixFilePermissions.toString(current) + ")");
			}
		}
	}

	/**
	 * Return the record of the last clean close, if the file is exactly as this starter
	 * left it then, and forget the record either way ({@link CleanCloseRecord}).
	 * @return the record, or empty when the file must be checked
	 */
	@Override
	public Optional<CleanClose> takeCleanCloseRecord() {
		return this.cleanCloseRecord.take();
	}

	/**
	 * Record that the file was closed cleanly just now.
	 * @param cleanClose when an integrity check last ran on it, which, and its schema
	 */
	@Override
	public void recordCleanClose(CleanClose cleanClose) {
		this.cleanCloseRecord.write(cleanClose);
	}

	private Path companion(String suffix) {
		return DatabasePath.companionOf(this.file, suffix);
	}

	/**
	 * Remove from the database and its {@code -wal}, {@code -shm} and {@code -journal}
	 * files every permission the configuration does not grant, with a warning for each
	 * file changed. Never adds a permission.
	 */
	@Override
	public void tightenPermissions() {
		if (!this.posix) {
			return;
		}
		for (String suffix : COMPANION_SUFFIXES) {
			Path companion = companion(suffix);
			lookAt(companion).filter(DatabaseFiles::isRegularFile)
				.ifPresent((attributes) -> tighten(companion, permissions(attributes)));
		}
	}

	private void tighten(Path path, Set<PosixFilePermission> current) {
		Set<PosixFilePermission> tightened = EnumSet.noneOf(PosixFilePermission.class);
		tightened.addAll(current);
		tightened.retainAll(this.permissions);
		if (tightened.equals(current)) {
			return;
		}
		Optional<Path> changed = FileCalls.ifPresent(this.file, path,
				() -> Files.setPosixFilePermissions(path, tightened));
		if (changed.isPresent()) {
			logger.warn("Permissions of " + path + " were " + PosixFilePermissions.toString(current)
					+ ", looser than pm.db.file-permissions; changed to " + PosixFilePermissions.toString(tightened));
		}
	}

	/**
	 * Look at a file beside the database: whether it is a regular file, and its
	 * permissions and owner where the file system has them; empty when it is not there.
	 * Another process's last close deletes its {@code -wal} and {@code -shm} at any
	 * moment, so one that is gone when looked at is no file: there is nothing to check or
	 * tighten. One look reads them all, so none can belong to a file gone after another
	 * was read. Package-private: tests make a file vanish here.
	 * @param path the file
	 * @param options how links are followed
	 * @return its attributes by name ({@code isRegularFile}, {@code permissions},
	 * {@code uid}), or empty if there is no such file now
	 */
	Optional<Map<String, Object>> lookAt(Path path, LinkOption... options) {
		String attributes = this.unix ? "unix:isRegularFile,permissions,uid"
				: this.posix ? "posix:isRegularFile,permissions" : "basic:isRegularFile";
		return FileCalls.ifPresent(this.file, path, () -> Files.readAttributes(path, attributes, options));
	}

	private static boolean isRegularFile(Map<String, Object> attributes) {
		return (Boolean) attributes.get("isRegularFile");
	}

	@SuppressWarnings("unchecked")
	private static Set<PosixFilePermission> permissions(Map<String, Object> attributes) {
		return (Set<PosixFilePermission>) attributes.get("permissions");
	}

	// Package-private: a file can vanish between the look and the read; tests make it so.
	Set<PosixFilePermission> readPermissionsOf(Path path) {
		return onAttributesOf(path, () -> Files.getPosixFilePermissions(path));
	}

	private <T> T onAttributesOf(Path path, FileCalls.Call<T> call) {
		return FileCalls.onAttributesOf(this.file, path, call);
	}

}
