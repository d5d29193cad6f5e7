package dev.pm.db;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Where the database lives: an absolute file path, or SQLite's {@code :memory:}.
 *
 * @author pm-db
 * @since 0.1.0
 */
public final class DatabasePath {

	/** The path that selects an in-memory database. */
	public static final String IN_MEMORY = ":memory:";

	private final @Nullable Path file;

	private DatabasePath(@Nullable Path file) {
		this.file = file;
	}

	/**
	 * Resolve a configured path against the working directory.
	 * @param configured a file path, or {@code :memory:}
	 * @return the resolved path
	 */
	public static DatabasePath of(String configured) {
		return IN_MEMORY.equals(configured) ? new DatabasePath(null)
				: new DatabasePath(Path.of(configured).toAbsolutePath().normalize());
	}

	/**
	 * Return the database of a file, or the in-memory database for none.
	 * @param file an absolute database file, or {@code null} for {@code :memory:}
	 * @return the database path
	 */
	public static DatabasePath ofFile(@Nullable Path file) {
		return new DatabasePath(file);
	}

	/**
	 * Return a file SQLite keeps beside a database file, such as its write-ahead log.
	 * @param file the database file
	 * @param suffix the companion's suffix, such as {@code -wal}
	 * @return the companion's path, which may not exist
	 */
	public static Path companionOf(Path file, String suffix) {
		return file.resolveSibling(file.getFileName() + suffix);
	}

	/**
	 * Return whether this is an in-memory database, which has no file.
	 * @return {@code true} for {@code :memory:}
	 */
	public boolean isInMemory() {
		return this.file == null;
	}

	/**
	 * Return the absolute database file.
	 * @return the file, or {@code null} for an in-memory database
	 */
	public @Nullable Path getFile() {
		return this.file;
	}

	/**
	 * Return the sqlite-jdbc URL of this database.
	 * @return the JDBC URL
	 */
	public String getJdbcUrl() {
		return "jdbc:sqlite:" + this;
	}

	@Override
	public String toString() {
		return (this.file != null) ? this.file.toString() : IN_MEMORY;
	}

}
