package dev.pm.db.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * Test support: another process that holds a database's write lock
 * ({@code BEGIN IMMEDIATE}) until it is closed, as a second application on the same file
 * would.
 */
public final class WriteLockHolder implements AutoCloseable {

	private final Process process;

	private WriteLockHolder(Process process) {
		this.process = process;
	}

	/**
	 * Start a process that takes the write lock of {@code file}; return once it holds it.
	 */
	public static WriteLockHolder lock(Path file) {
		Process process = ChildJvm.start(WriteLockHolder.class, file.toString());
		ChildJvm.awaitLine(ChildJvm.output(process), "locked");
		return new WriteLockHolder(process);
	}

	/** Let the other process roll back, release the lock and end. */
	@Override
	public void close() {
		try (Writer input = this.process.outputWriter(StandardCharsets.UTF_8)) {
			input.write("release\n");
		}
		catch (IOException ex) {
			// It has ended already; so has its lock.
		}
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	public static void main(String[] args) throws Exception {
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
				Statement statement = connection.createStatement()) {
			statement.execute("BEGIN IMMEDIATE");
			System.out.println("locked");
			try (BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
				input.readLine();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			statement.execute("ROLLBACK");
		}
	}

}
