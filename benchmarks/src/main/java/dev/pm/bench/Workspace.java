package dev.pm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The directory the databases of one run live in, removed afterwards. It must be on the
 * disk under test: on a {@code tmpfs} every {@code fsync} is free and
 * {@code synchronous=full} measures nothing.
 *
 * @author pm-db
 */
public final class Workspace implements AutoCloseable {

	private final Path directory;

	private Workspace(Path directory) {
		this.directory = directory;
	}

	/**
	 * Create a workspace in a new directory under {@code parent}.
	 * @param parent where to create it
	 * @return the workspace
	 * @throws IOException if the directory cannot be created
	 */
	public static Workspace createIn(Path parent) throws IOException {
		Files.createDirectories(parent);
		return new Workspace(Files.createTempDirectory(parent, "pm-db-bench-"));
	}

	/**
	 * Return the directory.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Return the path of a database that does not exist yet.
	 * @param name a name unique within the run
	 * @return the path, its file absent
	 */
	public Path newDatabase(String name) {
		Path file = this.directory.resolve(name + ".db");
		if (Files.exists(file)) {
			throw new IllegalArgumentException(file + " exists already");
		}
		return file;
	}

	/**
	 * Return the file system type, printed with the results.
	 * @return for example {@code ext4}
	 */
	public String fileSystemType() {
		try {
			return Files.getFileStore(this.directory).type();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	@Override
	public void close() throws IOException {
		try (Stream<Path> files = Files.walk(this.directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

}
