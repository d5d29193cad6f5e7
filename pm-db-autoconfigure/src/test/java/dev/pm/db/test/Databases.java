package dev.pm.db.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * Test support: databases made outside pm-db, and snapshots of files to prove they did
 * not change.
 */
public final class Databases {

	private Databases() {
	}

	/**
	 * Run statements on a plain sqlite-jdbc connection in rollback-journal mode, so the
	 * file holds everything when the connection closes.
	 */
	public static void execute(Path file, String... statements) {
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Return the bytes and permissions of a file, to compare before and after. */
	public static Snapshot snapshot(Path file) {
		try {
			return new Snapshot(Files.readAllBytes(file),
					PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Return the POSIX permissions of a file as {@code rw-------}. */
	public static String permissions(Path file) {
		try {
			return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Find the first throwable of a type in a cause chain. */
	public static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
		}
		throw new AssertionError("No " + type.getSimpleName() + " in the causes of " + failure, failure);
	}

	/** Return the messages of a throwable and all its causes, one per line. */
	public static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			messages.append(candidate.getMessage()).append('\n');
		}
		return messages.toString();
	}

	/** The content and permissions of a file at one moment. */
	public record Snapshot(byte[] content, String permissions) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Snapshot snapshot && Arrays.equals(this.content, snapshot.content)
					&& this.permissions.equals(snapshot.permissions);
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(this.content);
		}

		@Override
		public String toString() {
			return this.content.length + " bytes, " + this.permissions;
		}

	}

}
