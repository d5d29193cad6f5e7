package dev.pm.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.pm.db.autoconfigure.PmDbAutoConfiguration;
import dev.pm.testing.output.ExpectedOutputExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.pm.db.test.Holder.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What closing the application does to the database: a clean file, and never half a
 * transaction.
 */
@ExtendWith(ExpectedOutputExtension.class)
class ShutdownTests {

	@TempDir
	Path dir;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PmDbAutoConfiguration.class))
			.withPropertyValues("pm.db.path=" + file());
	}

	private Path file() {
		return this.dir.resolve("pm.db");
	}

	@Test
	void cleanStopOptimizesCheckpointsAndLeavesNoWriteAheadLog() throws Exception {
		contextRunner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute("CREATE INDEX item_name ON item (name)");
			for (int i = 0; i < 200; i++) {
				jdbc.update("INSERT INTO item (name) VALUES (?)", "item-" + i);
			}
			jdbc.queryForList("SELECT id FROM item WHERE name = 'item-5'");
			assertThat(this.dir.resolve("pm.db-wal")).isNotEmptyFile();
		});
		Path wal = this.dir.resolve("pm.db-wal");
		assertThat(Files.notExists(wal) || Files.size(wal) == 0).as("-wal gone or empty").isTrue();
		// PRAGMA optimize analysed the table the queries used.
		assertThat(count("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")).isOne();
		assertThat(count("SELECT count(*) FROM item")).isEqualTo(200);
		// A clean close: the next start may skip the integrity check.
		assertThat(this.dir.resolve("pm.db-pmdb")).isNotEmptyFile();
	}

	@Test
	void transactionStillRunningAfterTheShutdownTimeoutIsRolledBackNotCommitted(CapturedOutput output)
			throws Exception {
		CountDownLatch written = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		CompletableFuture<Void> writer = new CompletableFuture<>();
		contextRunner().withPropertyValues("pm.db.shutdown-timeout=200ms").run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
			Thread slow = new Thread(() -> {
				try {
					transactions.executeWithoutResult((status) -> {
						jdbc.update("INSERT INTO item (name) VALUES ('half done')");
						written.countDown();
						await(finish);
					});
					writer.complete(null);
				}
				catch (RuntimeException ex) {
					writer.completeExceptionally(ex);
				}
			}, "slow-writer");
			slow.start();
			await(written);
		});
		assertThat(output).contains("slow-writer").contains("pm.db.shutdown-timeout");
		// Not a clean close: the next start checks the file.
		assertThat(this.dir.resolve("pm.db-pmdb")).doesNotExist();
		finish.countDown();
		assertThat(writer).failsWithin(10, TimeUnit.SECONDS);
		assertThat(count("SELECT count(*) FROM item")).isZero();
	}

	@Test
	void transactionThatEndsWithinTheShutdownTimeoutIsWaitedForAndCommitted() throws Exception {
		CountDownLatch written = new CountDownLatch(1);
		CompletableFuture<Void> writer = new CompletableFuture<>();
		contextRunner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
			new Thread(() -> {
				transactions.executeWithoutResult((status) -> {
					jdbc.update("INSERT INTO item (name) VALUES ('finished in time')");
					written.countDown();
					sleep(300);
				});
				writer.complete(null);
			}).start();
			await(written);
		});
		writer.get(5, TimeUnit.SECONDS);
		assertThat(count("SELECT count(*) FROM item")).isOne();
	}

	@Test
	void optimizeThatSqliteRefusesIsLoggedAndTheDatabaseStillCloses(CapturedOutput output) throws Exception {
		contextRunner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute("CREATE INDEX item_name ON item (name)");
			jdbc.update("INSERT INTO item (name) VALUES ('kept')");
			jdbc.queryForList("SELECT id FROM item WHERE name = 'kept'");
			jdbc.execute("PRAGMA query_only = 1");
		});
		assertThat(output).contains("Could not optimize and checkpoint " + file());
		assertThat(this.dir.resolve("pm.db-pmdb")).doesNotExist();
		assertThat(count("SELECT count(*) FROM item")).isOne();
	}

	private int count(String sql) throws Exception {
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file());
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getInt(1);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
