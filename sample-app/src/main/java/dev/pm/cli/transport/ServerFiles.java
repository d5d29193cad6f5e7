package dev.pm.cli.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Where the server of one database lives: a directory only its owner can enter, holding
 * per database its socket, the lock that makes the server the only one, and its log.
 *
 * @param directory the private directory
 * @param database the database the server serves
 * @param socket the Unix domain socket
 * @param lock the file the running server holds locked
 * @param log the server's output
 */
public record ServerFiles(Path directory, Path database, Path socket, Path lock, Path log) {

	/** Chooses the directory, for tests and for systems without a usable default. */
	public static final String DIRECTORY_VARIABLE = "PM_SERVER_DIR";

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

	/** The size beyond which a new server starts a new log. */
	static final long MAX_LOG_BYTES = 1024 * 1024;

	/**
	 * Returns the files of the server of a database.
	 * @param database the database, absolute and normalised
	 * @param environment the environment variables ({@code PM_SERVER_DIR},
	 * {@code XDG_RUNTIME_DIR}, {@code TMPDIR})
	 * @return the files
	 */
	public static ServerFiles of(Path database, Map<String, String> environment) {
		Path directory;
		if (environment.get(DIRECTORY_VARIABLE) != null) {
			directory = Path.of(environment.get(DIRECTORY_VARIABLE));
		}
		else if (environment.get("XDG_RUNTIME_DIR") != null) {
			directory = Path.of(environment.get("XDG_RUNTIME_DIR"), "pm");
		}
		else {
			// TMPDIR first, as the README promises: the JVM's java.io.tmpdir ignores it.
			String tmpdir = environment.get("TMPDIR");
			String temporary = (tmpdir != null && !tmpdir.isEmpty()) ? tmpdir : System.getProperty("java.io.tmpdir");
			directory = Path.of(temporary, "pm-" + System.getProperty("user.name"));
		}
		return in(directory.toAbsolutePath().normalize(), database);
	}

	/**
	 * Returns the files of the server of a database in a directory.
	 * @param directory the private directory
	 * @param database the database, absolute and normalised
	 * @return the files
	 */
	public static ServerFiles in(Path directory, Path database) {
		// A socket's path is limited to about 100 bytes: name it after a hash of the
		// database.
		String name = hash(database.toString());
		return new ServerFiles(directory, database, directory.resolve(name + ".sock"),
				directory.resolve(name + ".lock"), directory.resolve(name + ".log"));
	}

	/**
	 * Creates the directory, readable by its owner only, or checks that it is.
	 * @throws IOException if it cannot be created, or belongs to another user, or others
	 * may enter it
	 */
	public void createDirectory() throws IOException {
		if (!Files.isDirectory(this.directory, LinkOption.NOFOLLOW_LINKS)) {
			Files.createDirectories(this.directory.getParent());
			try {
				Files.createDirectory(this.directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
			}
			catch (FileAlreadyExistsException ex) {
				// Another client made it at the same moment: checked below like any
				// other.
			}
		}
		PosixFileAttributes attributes = Files.readAttributes(this.directory, PosixFileAttributes.class,
				LinkOption.NOFOLLOW_LINKS);
		UserPrincipal user = this.directory.getFileSystem()
			.getUserPrincipalLookupService()
			.lookupPrincipalByName(System.getProperty("user.name"));
		if (!attributes.isDirectory() || !attributes.owner().equals(user)
				|| !attributes.permissions().equals(OWNER_ONLY)) {
			throw new IOException(this.directory + " must be a directory of " + user.getName() + " that only it can "
					+ "enter (rwx------), but is " + (attributes.isDirectory() ? "a directory" : "no directory")
					+ " of " + attributes.owner().getName() + " with "
					+ PosixFilePermissions.toString(attributes.permissions()) + "; remove it, or choose another with "
					+ DIRECTORY_VARIABLE);
		}
	}

	/**
	 * Starts a new log if the log is larger than {@value #MAX_LOG_BYTES} bytes: the old
	 * one becomes {@code NAME.log.1} (replacing an older one), so that the reason a
	 * server stopped survives the next server, and the log does not grow without bound.
	 * Called before a server starts, which appends to the log.
	 * @throws IOException if the log cannot be moved
	 */
	public void rotateLogIfLarge() throws IOException {
		if (Files.isRegularFile(this.log, LinkOption.NOFOLLOW_LINKS) && Files.size(this.log) > MAX_LOG_BYTES) {
			Files.move(this.log, this.log.resolveSibling(this.log.getFileName() + ".1"),
					StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/**
	 * Whether a server holds the lock: it runs, or is starting or stopping.
	 * @return whether the lock is held by another process
	 * @throws IOException if the lock file cannot be opened
	 */
	private boolean isLocked() throws IOException {
		try (FileChannel channel = FileChannel.open(this.lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
			FileLock lock = channel.tryLock();
			if (lock == null) {
				return true;
			}
			lock.release();
			return false;
		}
	}

	/**
	 * Whether a server runs, starts or stops: it holds the lock, or a client started it a
	 * moment ago and it has not taken the lock yet.
	 * @return whether there is a server, or is about to be
	 * @throws IOException if the lock file cannot be opened
	 */
	public boolean hasServer() throws IOException {
		return isLocked() || isStarting();
	}

	/**
	 * Notes the server process a client has just started, until it listens: a
	 * {@code pm server stop} right after the command that started it waits for it.
	 * @param pid the server's process id
	 * @throws IOException if the note cannot be written
	 */
	public void markStarting(long pid) throws IOException {
		Files.writeString(starting(), Long.toString(pid));
	}

	/**
	 * Removes the note of a starting server: it listens now.
	 * @throws IOException if it cannot be removed
	 */
	public void clearStarting() throws IOException {
		Files.deleteIfExists(starting());
	}

	private boolean isStarting() {
		try {
			Optional<ProcessHandle> server = ProcessHandle.of(Long.parseLong(Files.readString(starting()).strip()));
			return server.isPresent() && server.get().isAlive();
		}
		catch (IOException | NumberFormatException ex) {
			return false;
		}
	}

	private Path starting() {
		String lockName = this.lock.getFileName().toString();
		return this.lock.resolveSibling(lockName.substring(0, lockName.lastIndexOf('.')) + ".starting");
	}

	/**
	 * Returns the build of pm this class belongs to: a server of another build is
	 * replaced.
	 * @return the build
	 */
	public static String build() {
		Properties properties = new Properties();
		try (InputStream in = ServerFiles.class.getResourceAsStream("build.properties")) {
			if (in != null) {
				properties.load(in);
			}
		}
		catch (IOException ex) {
			// No build information: every server is of the same, unknown build.
		}
		return properties.getProperty("version", "unknown") + " " + properties.getProperty("built", "unknown");
	}

	/**
	 * FNV-1a, not a {@code MessageDigest}: loading the JDK's security providers would
	 * cost the client a fifth of its run. Two databases with the same hash share the
	 * server's files, which is safe: a server runs no command of another database.
	 */
	private static String hash(String value) {
		long hash = 0xcbf29ce484222325L;
		for (byte octet : value.getBytes(StandardCharsets.UTF_8)) {
			hash = (hash ^ (octet & 0xff)) * 0x100000001b3L;
		}
		return HexFormat.of().toHexDigits(hash);
	}

}
