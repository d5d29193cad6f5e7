package dev.pm.db.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import dev.pm.db.autoconfigure.PmDbAutoConfiguration;
import dev.pm.db.test.Holder;
import dev.pm.testing.output.ExpectedOutputExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.pm.db.test.Holder.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upkeep of a long-running database: {@code PRAGMA optimize} on a schedule, and a
 * write-ahead log that is emptied when the database is idle and reported, with the
 * readers that hold it back, when it grows too large.
 */
@ExtendWith(ExpectedOutputExtension.class)
class DatabaseUpkeepTests {

	@TempDir
	Path dir;

	// The schedule stays off unless a test turns it on: these tests call the upkeep
	// themselves, so that what it finds does not depend on timing.
	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PmDbAutoConfiguration.class))
			.withPropertyValues("pm.db.path=" + this.dir.resolve("pm.db"), "pm.db.readers=2",
					"pm.db.optimize-interval=0", "pm.db.checkpoint-interval=0");
	}

	private Path wal() {
		return this.dir.resolve("pm.db-wal");
	}

	@Test
	void idleDatabaseHasItsWriteAheadLogCheckpointedAndTruncated() {
		contextRunner().run((context) -> {
			insert(context, 50);
			assertThat(wal()).isNotEmptyFile();
			assertThat(context.getBean(DatabaseUpkeep.class).checkpointIfIdle()).isTrue();
			assertThat(wal()).isEmptyFile();
			assertThat(count(context)).isEqualTo(50);
		});
	}

	@Test
	void openReadOnlyTransactionKeepsTheLogUntouched() {
		contextRunner().run((context) -> {
			insert(context, 50);
			long size = Files.size(wal());
			whileReading(context, "report", () -> {
				assertThat(context.getBean(DatabaseUpkeep.class).checkpointIfIdle()).isFalse();
				assertThat(wal()).hasSize(size);
			});
		});
	}

	@Test
	void readOfAnotherProcessMakesTheCheckpointReportBusyAtOnce() {
		contextRunner().run((context) -> {
			insert(context, 50);
			try (Connection other = context.getBean(SqliteDataSource.class).getDriver().openReadOnly();
					Statement statement = other.createStatement()) {
				statement.execute("BEGIN");
				statement.executeQuery("SELECT count(*) FROM item").close();
				insert(context, 1);
				assertThat(context.getBean(DatabaseUpkeep.class).checkpointIfIdle()).isFalse();
				statement.execute("COMMIT");
			}
			assertThat(wal()).isNotEmptyFile();
		});
	}

	@Test
	void writerInUseKeepsTheLogUntouched() {
		contextRunner().run((context) -> {
			insert(context, 50);
			long size = Files.size(wal());
			try (Holder holder = Holder.hold(context.getBean(SqliteDataSource.class), "writer")) {
				assertThat(context.getBean(DatabaseUpkeep.class).checkpointIfIdle()).isFalse();
			}
			assertThat(wal()).hasSize(size);
		});
	}

	@Test
	void logLargerThanTheWarningSizeIsReportedOnceWithTheReadersThatHoldItBack(CapturedOutput output) {
		contextRunner().withPropertyValues("pm.db.wal-size-warning=1KB").run((context) -> {
			DatabaseUpkeep upkeep = context.getBean(DatabaseUpkeep.class);
			insert(context, 50);
			whileReading(context, "slow-report", () -> {
				upkeep.checkpointIfIdle();
				upkeep.checkpointIfIdle();
			});
			assertThat(output).containsOnlyOnce("bytes, more than pm.db.wal-size-warning (1024 bytes)")
				.contains("read-only transactions open in [thread 'slow-report' for ")
				.contains("keep read-only transactions short");
			// Emptied, then grown again: reported again, with nobody to blame.
			assertThat(upkeep.checkpointIfIdle()).isTrue();
			upkeep.checkpointIfIdle();
			insert(context, 50);
			try (Holder holder = Holder.hold(context.getBean(SqliteDataSource.class), "writer")) {
				upkeep.checkpointIfIdle();
			}
			assertThat(output).contains("no reader holds it back now; the next idle checkpoint truncates it");
		});
	}

	@Test
	void withReplicationTheUpkeepLeavesCheckpointsToTheReplicator() {
		contextRunner().withPropertyValues("pm.db.replication.target=" + this.dir.resolve("replica")).run((context) -> {
			insert(context, 50);
			long size = Files.size(wal());
			assertThat(context.getBean(DatabaseUpkeep.class).checkpointIfIdle()).isFalse();
			assertThat(wal()).hasSize(size);
		});
	}

	@Test
	void inMemoryDatabaseHasNoLogToLookAt() {
		contextRunner().withPropertyValues("pm.db.path=:memory:")
			.run((context) -> assertThat(context.getBean(DatabaseUpkeep.class).checkpointIfIdle()).isFalse());
	}

	@Test
	void scheduleOptimizesAndEmptiesTheLogOfAnIdleDatabase() {
		contextRunner().withPropertyValues("pm.db.optimize-interval=50ms", "pm.db.checkpoint-interval=50ms")
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				jdbc.execute("CREATE INDEX item_name ON item (name)");
				insert(context, 200);
				jdbc.queryForList("SELECT id FROM item WHERE name = 'item-5'");
				// What the schedule does shows within a few runs; no timing is asserted.
				long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
				while ((statistics(jdbc) == 0 || Files.size(wal()) > 0) && System.nanoTime() < deadline) {
					Thread.sleep(20);
				}
				assertThat(statistics(jdbc)).as("PRAGMA optimize analysed the table").isOne();
				assertThat(wal()).isEmptyFile();
			});
	}

	@Test
	void failedUpkeepIsLoggedAndTheScheduleGoesOn(CapturedOutput output) {
		contextRunner().run((context) -> {
			context.getBean(DatabaseUpkeep.class).runLogged("optimize", () -> {
				throw new SQLException("disk I/O error");
			});
			assertThat(output).contains("pm-db upkeep could not optimize " + this.dir.resolve("pm.db")
					+ ": java.sql.SQLException: disk I/O error");
		});
	}

	@Test
	void negativeIntervalsFailNamingTheProperty() {
		contextRunner().withPropertyValues("pm.db.optimize-interval=-1s")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("pm.db.optimize-interval"));
		contextRunner().withPropertyValues("pm.db.checkpoint-interval=-1s")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("pm.db.checkpoint-interval"));
	}

	// Rows named on from the ones there are.
	private static void insert(AssertableApplicationContext context, int rows) {
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		int first = count(context);
		for (int i = first; i < first + rows; i++) {
			jdbc.update("INSERT INTO item (name) VALUES (?)", "item-" + i);
		}
	}

	private static int count(AssertableApplicationContext context) {
		Integer count = context.getBean(JdbcTemplate.class).queryForObject("SELECT count(*) FROM item", Integer.class);
		return (count != null) ? count : -1;
	}

	private static int statistics(JdbcTemplate jdbc) {
		Integer count = jdbc.queryForObject("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'",
				Integer.class);
		return (count != null) ? count : -1;
	}

	// Runs check on this thread while another, named reader, holds a read-only
	// transaction open.
	private static void whileReading(AssertableApplicationContext context, String reader, Check check)
			throws Exception {
		TransactionTemplate readOnly = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
		readOnly.setReadOnly(true);
		CountDownLatch reading = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		Thread thread = new Thread(() -> readOnly.executeWithoutResult((status) -> {
			count(context);
			reading.countDown();
			await(finish);
		}), reader);
		thread.start();
		await(reading);
		try {
			check.run();
		}
		finally {
			finish.countDown();
			thread.join(10_000);
		}
	}

	@FunctionalInterface
	interface Check {

		void run() throws Exception;

	}

}
