package dev.pm.db.replication;

import java.io.IOException;
import java.io.StringReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;

import dev.pm.db.DatabaseException;
import org.jspecify.annotations.Nullable;

/**
 * The layout of a replica directory, which holds all a restore needs:
 *
 * <pre>
 * pm-db-replica.properties          which database this is a replica of
 * pm-db-replica.lock                held by the one process that replicates into it
 * generations/&lt;start&gt;-&lt;random&gt;/  one directory per generation
 *     &lt;index&gt;-&lt;millis&gt;.snapshot      a copy of the database (an SQLite file)
 *     &lt;index&gt;-&lt;millis&gt;.segment       frames of the write-ahead log
 * </pre>
 *
 * Every file is private ({@code rw-------}, directories {@code rwx------}) and appears
 * whole: it is written under a temporary name, forced to the disk, then renamed.
 *
 * @author pm-db
 */
final class ReplicaDirectory {

	static final String IDENTITY = "pm-db-replica.properties";

	private static final String LOCK = "pm-db-replica.lock";

	private static final String GENERATIONS = "generations";

	private static final String DATABASE_KEY = "database";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Path root;

	private final PrivateFiles files;

	private @Nullable FileChannel lockChannel;

	ReplicaDirectory(Path root) {
		this(root, PrivateFiles.of(root));
	}

	ReplicaDirectory(Path root, PrivateFiles files) {
		this.root = root.toAbsolutePath().normalize();
		this.files = files;
	}

	Path getRoot() {
		return this.root;
	}

	/**
	 * Make the directory the replica of {@code database}, or check that it is.
	 * @throws DatabaseException if it is the replica of another database
	 * @throws IOException if the directory cannot be created or read
	 */
	void claim(Path database) throws IOException {
		this.files.createDirectories(this.root.resolve(GENERATIONS));
		String owner = owner();
		if (owner == null) {
			Properties identity = new Properties();
			identity.setProperty(DATABASE_KEY, database.toString());
			StringBuilder text = new StringBuilder("# pm-db replica: snapshots and write-ahead log segments\n");
			identity.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
			this.files.writeAtomically(this.root.resolve(IDENTITY), text.toString().getBytes(StandardCharsets.UTF_8));
		}
		else if (!owner.equals(database.toString())) {
			throw new DatabaseException(database,
					"Replication target " + this.root + " holds the replica of another database, " + owner + ", not of "
							+ database + "; choose another pm.db.replication.target");
		}
	}

	/**
	 * Return the database this directory is a replica of, or {@code null} if it is none's
	 * yet.
	 * @throws IOException if the identity file cannot be read
	 */
	@Nullable String owner() throws IOException {
		Path identityFile = this.root.resolve(IDENTITY);
		if (!Files.exists(identityFile)) {
			return null;
		}
		Properties identity = new Properties();
		identity.load(new StringReader(Files.readString(identityFile)));
		return identity.getProperty(DATABASE_KEY);
	}

	/**
	 * Take the replica's lock unless this process holds it already, creating the
	 * directory if it is missing (a target that could not be reached at start-up).
	 * @return whether this process holds the lock, false if another one does
	 * @throws IOException if the lock file cannot be opened
	 */
	boolean lock() throws IOException {
		if (this.lockChannel != null) {
			return true;
		}
		this.files.createDirectories(this.root);
		FileChannel channel = this.files.openForWriting(this.root.resolve(LOCK));
		FileLock lock;
		try {
			lock = channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			// Another replicator in this JVM holds it.
			lock = null;
		}
		if (lock == null) {
			channel.close();
			return false;
		}
		this.lockChannel = channel;
		return true;
	}

	void release() throws IOException {
		FileChannel channel = this.lockChannel;
		this.lockChannel = null;
		if (channel != null) {
			channel.close();
		}
	}

	Generation newGeneration(Instant start) throws IOException {
		String id = String.format(Locale.ROOT, "%013d-%s", start.toEpochMilli(),
				HexFormat.of().formatHex(RANDOM.generateSeed(4)));
		Path dir = this.root.resolve(GENERATIONS).resolve(id);
		this.files.createDirectories(dir);
		return new Generation(dir);
	}

	/**
	 * Return the generations, oldest first.
	 * @throws IOException if the directory cannot be listed
	 */
	List<Generation> generations() throws IOException {
		Path dir = this.root.resolve(GENERATIONS);
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> paths = Files.list(dir)) {
			return paths.filter(Files::isDirectory).sorted().map(Generation::new).toList();
		}
	}

	/**
	 * Write a file of a generation whole, under its final name.
	 * @throws IOException if the target cannot take it
	 */
	Path write(Generation generation, String name, byte[] content) throws IOException {
		Path file = generation.dir().resolve(name);
		this.files.writeAtomically(file, content);
		return file;
	}

	/**
	 * Create an empty private file beside {@code name} for a file that something else
	 * writes (a snapshot written by SQLite), to {@link #publish} it when it is complete.
	 * @throws IOException if the file cannot be created
	 */
	Path temporary(Generation generation, String name) throws IOException {
		Path temporary = generation.dir().resolve(name + ".tmp");
		Files.deleteIfExists(temporary);
		return this.files.createFile(temporary);
	}

	Path publish(Path temporary, String name) throws IOException {
		try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
			channel.force(true);
		}
		return Files.move(temporary, temporary.resolveSibling(name), StandardCopyOption.ATOMIC_MOVE);
	}

	/**
	 * Delete what no moment after {@code cutoff} needs: the generations before the one of
	 * the last snapshot at or before {@code cutoff}, and the files before that snapshot.
	 * @return the number of files deleted
	 * @throws IOException if a file cannot be deleted
	 */
	int prune(Instant cutoff) throws IOException {
		List<Generation> generations = generations();
		int kept = -1;
		ReplicaFile keptSnapshot = null;
		for (int i = 0; i < generations.size(); i++) {
			for (ReplicaFile file : generations.get(i).files()) {
				if (file.kind() == ReplicaFile.Kind.SNAPSHOT && !file.time().isAfter(cutoff)) {
					kept = i;
					keptSnapshot = file;
				}
			}
		}
		int deleted = 0;
		for (int i = 0; i < kept; i++) {
			deleted += deleteGeneration(generations.get(i));
		}
		if (keptSnapshot != null) {
			for (ReplicaFile file : generations.get(kept).files()) {
				if (file.index() < keptSnapshot.index()) {
					Files.delete(file.path());
					deleted++;
				}
			}
		}
		return deleted;
	}

	private static int deleteGeneration(Generation generation) throws IOException {
		List<Path> files = new ArrayList<>();
		try (Stream<Path> paths = Files.list(generation.dir())) {
			paths.forEach(files::add);
		}
		for (Path file : files) {
			Files.delete(file);
		}
		Files.delete(generation.dir());
		return files.size();
	}

}
