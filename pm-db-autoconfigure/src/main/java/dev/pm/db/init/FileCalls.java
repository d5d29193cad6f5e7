package dev.pm.db.init;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import dev.pm.db.DatabaseException;

/**
 * A look at, or a change of, a file beside a database, whose failure is the database's
 * problem: a {@link DatabaseException} that names the database and the file.
 *
 * @author pm-db
 */
final class FileCalls {

	private FileCalls() {
	}

	/**
	 * Run a call on a file's attributes (or its small content).
	 * @param <T> what the call returns
	 * @param database the database the file belongs to
	 * @param path the file
	 * @param call the call
	 * @return what it returned
	 * @throws DatabaseException if it failed
	 */
	static <T> T onAttributesOf(Path database, Path path, Call<T> call) {
		try {
			return call.run();
		}
		catch (IOException ex) {
			throw new DatabaseException(database, "Cannot read or change the permissions of " + path + ": " + ex, ex);
		}
	}

	/**
	 * Run a call on a file's attributes, where a file that is not there (or no longer:
	 * another process deleted it) is no failure.
	 * @param <T> what the call returns
	 * @param database the database the file belongs to
	 * @param path the file
	 * @param call the call
	 * @return what it returned, or empty if the file was not there
	 * @throws DatabaseException if it failed otherwise
	 */
	static <T> Optional<T> ifPresent(Path database, Path path, Call<T> call) {
		return onAttributesOf(database, path, () -> {
			try {
				return Optional.of(call.run());
			}
			catch (NoSuchFileException ex) {
				return Optional.empty();
			}
		});
	}

	/**
	 * A call on a file.
	 *
	 * @param <T> what it returns
	 */
	@FunctionalInterface
	interface Call<T> {

		T run() throws IOException;

	}

}
