package dev.pm.db.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * A process that dies in the middle of a transaction in rollback-journal mode: it writes
 * more than its page cache holds, so SQLite has already changed the database file and
 * only the {@code -journal} can undo it, then prints {@code spilled} and waits to be
 * killed.
 */
public final class InterruptedWriter {

	private InterruptedWriter() {
	}

	public static void main(String[] args) throws Exception {
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
				Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA journal_mode = delete");
			statement.execute("PRAGMA cache_size = 2");
			statement.execute("BEGIN IMMEDIATE");
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO item (name) VALUES (?)")) {
				for (int i = 0; i < 500; i++) {
					insert.setString(1, "uncommitted-" + i + "-" + "x".repeat(1000));
					insert.executeUpdate();
				}
			}
			System.out.println("spilled");
			Thread.sleep(Long.MAX_VALUE);
		}
	}

}
