package dev.pm.db;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.NonTransientDataAccessException;

/**
 * Base of pm-db's exceptions: something is wrong with the database itself, not with one
 * statement. Carries the database file it concerns, when there is one.
 *
 * @author pm-db
 * @since 0.1.0
 */
public class DatabaseException extends NonTransientDataAccessException {

	private final @Nullable Path path;

	/**
	 * Create a new exception.
	 * @param path the database file concerned, or {@code null} for an in-memory database
	 * @param message what is wrong
	 * @param cause the underlying cause, if any
	 */
	public DatabaseException(@Nullable Path path, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.path = path;
	}

	/**
	 * Create a new exception.
	 * @param path the database file concerned, or {@code null} for an in-memory database
	 * @param message what is wrong
	 */
	public DatabaseException(@Nullable Path path, String message) {
		this(path, message, null);
	}

	/**
	 * Return the database file this exception concerns.
	 * @return the path, or {@code null} for an in-memory database
	 */
	public @Nullable Path getPath() {
		return this.path;
	}

	/**
	 * Return the database this exception concerns, a file or {@code :memory:}.
	 * @return the database
	 */
	public DatabasePath getDatabase() {
		return DatabasePath.ofFile(this.path);
	}

}
