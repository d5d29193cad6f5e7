package dev.pm.db;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The database failed SQLite's integrity check, or SQLite reported it corrupt while in
 * use. The file is left as it is: pm-db never deletes or "repairs" it.
 *
 * @author pm-db
 * @since 0.1.0
 */
public class DatabaseCorruptedException extends DatabaseException {

	private final List<String> problems;

	/**
	 * Create a new exception.
	 * @param path the corrupted database file, or {@code null} if not known
	 * @param problems the first problems SQLite reported
	 * @param cause the underlying cause, if any
	 */
	public DatabaseCorruptedException(@Nullable Path path, List<String> problems, @Nullable Throwable cause) {
		super(path, "Database " + ((path != null) ? path + " " : "") + "is corrupted: " + String.join("; ", problems),
				cause);
		this.problems = List.copyOf(problems);
	}

	/**
	 * Return the first problems SQLite reported.
	 * @return the problems, never empty
	 */
	public List<String> getProblems() {
		return this.problems;
	}

}
