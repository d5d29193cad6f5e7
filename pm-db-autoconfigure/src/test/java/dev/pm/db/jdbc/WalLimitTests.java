package dev.pm.db.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import dev.pm.db.DatabasePath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer keeps the write-ahead log near its limit although reads come and go all the
 * time: SQLite's own checkpoints are off here ({@code wal_autocheckpoint=0}), so whatever
 * shrinks the log is the limit's doing.
 */
class WalLimitTests {

	private static final long LIMIT = 4096;

	@TempDir
	Path dir;

	private SQLiteConnection writer;

	private Path wal;

	@BeforeEach
	void writeALog() throws SQLException {
		Path file = this.dir.resolve("pm.db");
		this.wal = this.dir.resolve("pm.db-wal");
		this.writer = new SqliteDriver(DatabasePath.of(file.toString()), Duration.ofSeconds(5)).openWritable();
		try (Statement statement = this.writer.createStatement()) {
			statement.execute("PRAGMA journal_mode = wal");
			statement.execute("PRAGMA wal_autocheckpoint = 0");
			statement.execute("PRAGMA journal_size_limit = " + LIMIT);
			statement.execute("CREATE TABLE item (name TEXT)");
		}
		insert(100);
	}

	@AfterEach
	void close() throws SQLException {
		this.writer.close();
	}

	@Test
	void logPastTheLimitStartsOverOnceTheReadsOlderThanItsEndAreOver() throws Exception {
		WalLimit limit = new WalLimit(this.wal, LIMIT, Duration.ofSeconds(5));
		try (Connection reader = new SqliteDriver(DatabasePath.of(this.dir.resolve("pm.db").toString()),
				Duration.ofSeconds(5))
			.openReadOnly(); Statement read = reader.createStatement()) {
			read.execute("BEGIN");
			read.executeQuery("SELECT count(*) FROM item").close();
			insert(10);
			long held = Files.size(this.wal);
			handBack(limit, WalLimit.CHECK_EVERY);
			insert(1);
			// The read's snapshot is older than the log's end: the checkpoint waited its
			// patience and left the log to go on growing.
			assertThat(Files.size(this.wal)).isGreaterThan(held);
			read.execute("COMMIT");
		}
		handBack(limit, WalLimit.CHECK_EVERY);
		insert(1);
		assertThat(Files.size(this.wal)).isLessThanOrEqualTo(LIMIT + 2 * (4096 + 24));
		assertThat(busyTimeout()).isEqualTo(5000);
	}

	@Test
	void logLooksOnlyEveryFewHandBacksAndOnlyPastHalfTheLimit() throws Exception {
		long size = Files.size(this.wal);
		handBack(new WalLimit(this.wal, LIMIT, Duration.ofSeconds(5)), WalLimit.CHECK_EVERY - 1);
		handBack(new WalLimit(this.wal, 2 * Files.size(this.wal), Duration.ofSeconds(5)), WalLimit.CHECK_EVERY);
		handBack(WalLimit.none(), WalLimit.CHECK_EVERY);
		insert(1);
		assertThat(Files.size(this.wal)).isGreaterThan(size);
	}

	@Test
	void logThatStartedOverInAFileStillPastHalfTheLimitIsNotCheckpointedAgain() throws Exception {
		// As configured by pm-db: the limit is journal_size_limit, which truncates the
		// file
		// of a log that started over to the limit, not below.
		long limit = 16 * (4096 + 24);
		try (Statement statement = this.writer.createStatement()) {
			statement.execute("PRAGMA journal_size_limit = " + limit);
		}
		WalLimit walLimit = new WalLimit(this.wal, limit, Duration.ofSeconds(5));
		assertThat(handBack(walLimit, WalLimit.CHECK_EVERY)).isTrue();
		insert(1);
		assertThat(Files.size(this.wal)).isGreaterThan(limit / 2);
		try (Connection reader = new SqliteDriver(DatabasePath.of(this.dir.resolve("pm.db").toString()),
				Duration.ofSeconds(5))
			.openReadOnly(); Statement read = reader.createStatement()) {
			read.execute("BEGIN");
			read.executeQuery("SELECT count(*) FROM item").close();
			insert(1);
			// The log holds two frames: no RESTART, which would wait for the read.
			assertThat(handBack(walLimit, WalLimit.CHECK_EVERY)).isFalse();
			read.execute("COMMIT");
		}
	}

	// Whether any of the hand-backs ran a RESTART checkpoint.
	private boolean handBack(WalLimit limit, int times) throws SQLException {
		boolean restarted = false;
		for (int i = 0; i < times; i++) {
			restarted |= limit.handingBack(this.writer);
		}
		return restarted;
	}

	private void insert(int rows) throws SQLException {
		try (Statement statement = this.writer.createStatement()) {
			for (int i = 0; i < rows; i++) {
				statement.execute("INSERT INTO item (name) VALUES ('" + "x".repeat(2000) + "')");
			}
		}
	}

	private int busyTimeout() throws SQLException {
		try (Statement statement = this.writer.createStatement();
				ResultSet result = statement.executeQuery("PRAGMA busy_timeout")) {
			result.next();
			return result.getInt(1);
		}
	}

}
