package dev.pm.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.pm.db.autoconfigure.PmDbAutoConfiguration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.pm.db.test.Holder.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * {@code @Transactional} semantics on the one shared connection, with Spring Boot's
 * transaction auto-configuration as a user application has it: without read-only
 * connections, and with them.
 */
@ParameterizedClass(name = "pm.db.readers={0}")
@ValueSource(ints = { 0, 2 })
class TransactionsTests {

	@Parameter
	int readers;

	@TempDir
	Path dir;

	private ApplicationContextRunner contextRunner() {
		return contextRunner(this.dir.resolve("pm.db"), this.readers);
	}

	/**
	 * An application with the services below on a database at {@code file}, with
	 * {@code readers} read-only connections.
	 */
	static ApplicationContextRunner contextRunner(Path file, int readers) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PmDbAutoConfiguration.class, TransactionAutoConfiguration.class))
			.withUserConfiguration(Services.class)
			.withPropertyValues("pm.db.path=" + file, "pm.db.readers=" + readers);
	}

	@Test
	void commitsOnSuccess() {
		contextRunner().run((context) -> {
			context.getBean(Outer.class).add("kept");
			assertThat(names(context.getBean(JdbcTemplate.class))).containsExactly("kept");
		});
	}

	@Test
	void rollsBackOnRuntimeException() {
		contextRunner().run((context) -> {
			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> context.getBean(Outer.class).addThenFail("lost"));
			assertThat(names(context.getBean(JdbcTemplate.class))).isEmpty();
		});
	}

	@Test
	void commitThatSqliteRefusesRollsBackAndLeavesTheConnectionUsable() {
		contextRunner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute("CREATE TABLE note (item_id INTEGER REFERENCES item (id) DEFERRABLE INITIALLY DEFERRED)");
			TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
			// A deferred foreign key is checked only at COMMIT, which then fails.
			assertThatExceptionOfType(DataIntegrityViolationException.class)
				.isThrownBy(() -> transactions.executeWithoutResult((status) -> {
					jdbc.update("INSERT INTO item (name) VALUES ('with orphan note')");
					jdbc.update("INSERT INTO note (item_id) VALUES (42)");
				}))
				.withMessageContaining("FOREIGN KEY");
			assertThat(names(jdbc)).isEmpty();
			context.getBean(Outer.class).add("after");
			assertThat(names(jdbc)).containsExactly("after");
		});
	}

	@Test
	void nestedRollbackKeepsTheOuterWork() {
		contextRunner().run((context) -> {
			context.getBean(Outer.class).addWithFailingNested("outer", "inner");
			assertThat(names(context.getBean(JdbcTemplate.class))).containsExactly("outer");
		});
	}

	@Test
	void requiresNewInsideATransactionFailsAtOnceAndRunsNothing() {
		contextRunner().run((context) -> {
			assertThatExceptionOfType(IllegalTransactionStateException.class)
				.isThrownBy(() -> context.getBean(Outer.class).addThenRequiresNew("outer", "inner"))
				.withMessageContaining("REQUIRES_NEW")
				.withMessageContaining("NESTED");
			assertThat(names(context.getBean(JdbcTemplate.class))).isEmpty();
		});
	}

	@Test
	void notSupportedInsideATransactionFailsAtOnce() {
		contextRunner().run((context) -> {
			assertThatExceptionOfType(IllegalTransactionStateException.class)
				.isThrownBy(() -> context.getBean(Outer.class).addThenNotSupported("outer"))
				.withMessageContaining("NOT_SUPPORTED");
			assertThat(names(context.getBean(JdbcTemplate.class))).isEmpty();
		});
	}

	@Test
	void requiresNewOutsideATransactionIsAnOrdinaryTransaction() {
		contextRunner().run((context) -> {
			context.getBean(Inner.class).addInNewTransaction("alone");
			assertThat(names(context.getBean(JdbcTemplate.class))).containsExactly("alone");
		});
	}

	@Test
	void readOnlyTransactionWorksAndLeavesTheWriteLockToOthers() {
		contextRunner().run((context) -> {
			context.getBean(Outer.class).add("a");
			Path file = this.dir.resolve("pm.db");
			Integer seen = context.getBean(Inner.class).countWhile(() -> writeFromAnotherConnection(file, "other"));
			assertThat(seen).isEqualTo(1);
			assertThat(names(context.getBean(JdbcTemplate.class))).containsExactlyInAnyOrder("a", "other");
		});
	}

	@Test
	void readWriteTransactionHoldsTheWriteLockFromItsStart() {
		contextRunner().run((context) -> {
			Path file = this.dir.resolve("pm.db");
			TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
			transactions.executeWithoutResult((status) -> assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> writeFromAnotherConnection(file, "other"))
				.withMessageContaining("SQLITE_BUSY"));
		});
	}

	@Test
	void deferredTransactionModeLeavesTheWriteLockFreeUntilTheFirstWrite() {
		contextRunner().withPropertyValues("pm.db.transaction-mode=deferred").run((context) -> {
			Path file = this.dir.resolve("pm.db");
			context.getBean(TransactionTemplate.class)
				.executeWithoutResult((status) -> assertThatNoException()
					.isThrownBy(() -> writeFromAnotherConnection(file, "other")));
			assertThat(names(context.getBean(JdbcTemplate.class))).containsExactly("other");
		});
	}

	@Test
	void concurrentTransactionsNeverShareATransaction() {
		contextRunner().withPropertyValues("pm.db.synchronous=normal").run((context) -> {
			Outer outer = context.getBean(Outer.class);
			int threads = 8;
			int iterations = 40;
			ExecutorService executor = Executors.newFixedThreadPool(threads);
			try {
				List<Future<Integer>> committed = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					String owner = "t" + t;
					committed.add(executor.submit(() -> {
						int count = 0;
						for (int i = 0; i < iterations; i++) {
							// Every third transaction rolls back; its row must vanish,
							// and only its row.
							boolean fail = i % 3 == 0;
							try {
								outer.addAndCheckOwnRows(owner, i, count, fail);
								count++;
							}
							catch (IllegalStateException ex) {
								assertThat(fail).as(ex.getMessage()).isTrue();
							}
						}
						return count;
					}));
				}
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				for (int t = 0; t < threads; t++) {
					int count = committed.get(t).get(60, TimeUnit.SECONDS);
					assertThat(count).isEqualTo(iterations - (iterations + 2) / 3);
					assertThat(jdbc.queryForObject("SELECT count(*) FROM item WHERE name LIKE ?", Integer.class,
							"t" + t + "-%"))
						.isEqualTo(count);
				}
			}
			finally {
				executor.shutdownNow();
			}
		});
	}

	@Test
	// It waits at least the timeout (300 ms); the upper bound only says it gave up, with
	// a
	// margin for a loaded machine.
	@Tag("timing")
	void threadWaitingLongerThanTheBusyTimeoutGetsAClearLockFailure() {
		contextRunner().withPropertyValues("pm.db.busy-timeout=300ms").run((context) -> {
			TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
			CountDownLatch holding = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			Thread holder = new Thread(() -> transactions.executeWithoutResult((status) -> {
				context.getBean(JdbcTemplate.class).update("INSERT INTO item (name) VALUES ('held')");
				holding.countDown();
				await(release);
			}), "slow-writer");
			holder.start();
			await(holding);
			long start = System.nanoTime();
			assertThatExceptionOfType(CannotAcquireLockException.class)
				.isThrownBy(() -> context.getBean(Outer.class).add("waiting"))
				.withMessageContaining("300 ms")
				.withMessageContaining("slow-writer");
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(250L, 30_000L);
			release.countDown();
			holder.join(10_000);
			assertThat(names(context.getBean(JdbcTemplate.class))).containsExactly("held");
		});
	}

	@Test
	void waitingThreadGetsTheConnectionWhenTheHolderFinishesInTime() {
		contextRunner().run((context) -> {
			TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
			CountDownLatch holding = new CountDownLatch(1);
			Thread holder = new Thread(() -> transactions.executeWithoutResult((status) -> {
				context.getBean(JdbcTemplate.class).update("INSERT INTO item (name) VALUES ('first')");
				holding.countDown();
				sleep(200);
			}));
			holder.start();
			await(holding);
			assertThatNoException().isThrownBy(() -> context.getBean(Outer.class).add("second"));
			holder.join(10_000);
			assertThat(names(context.getBean(JdbcTemplate.class))).containsExactly("first", "second");
		});
	}

	private static List<String> names(JdbcTemplate jdbc) {
		return jdbc.queryForList("SELECT name FROM item ORDER BY id", String.class);
	}

	static void writeFromAnotherConnection(Path file, String name) throws SQLException {
		try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
				Statement statement = other.createStatement()) {
			statement.execute("PRAGMA busy_timeout = 0");
			statement.execute("BEGIN IMMEDIATE");
			statement.execute("INSERT INTO item (name) VALUES ('" + name + "')");
			statement.execute("COMMIT");
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@FunctionalInterface
	interface SqlAction {

		void run() throws SQLException;

	}

	@Configuration(proxyBeanMethods = false)
	static class Services {

		@Bean
		Inner inner(JdbcTemplate jdbc) {
			return new Inner(jdbc);
		}

		@Bean
		Outer outer(JdbcTemplate jdbc, Inner inner) {
			return new Outer(jdbc, inner);
		}

	}

	static class Inner {

		private final JdbcTemplate jdbc;

		Inner(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@Transactional(propagation = Propagation.NESTED)
		public void addThenFail(String name) {
			this.jdbc.update("INSERT INTO item (name) VALUES (?)", name);
			throw new IllegalStateException("inner failure");
		}

		@Transactional(propagation = Propagation.REQUIRES_NEW)
		public void addInNewTransaction(String name) {
			this.jdbc.update("INSERT INTO item (name) VALUES (?)", name);
		}

		@Transactional(propagation = Propagation.NOT_SUPPORTED)
		public Integer count() {
			return this.jdbc.queryForObject("SELECT count(*) FROM item", Integer.class);
		}

		@Transactional(readOnly = true)
		public Integer countWhile(SqlAction action) throws SQLException {
			Integer count = this.jdbc.queryForObject("SELECT count(*) FROM item", Integer.class);
			action.run();
			return count;
		}

	}

	static class Outer {

		private final JdbcTemplate jdbc;

		private final Inner inner;

		Outer(JdbcTemplate jdbc, Inner inner) {
			this.jdbc = jdbc;
			this.inner = inner;
		}

		@Transactional
		public void add(String name) {
			this.jdbc.update("INSERT INTO item (name) VALUES (?)", name);
		}

		@Transactional
		public void addThenFail(String name) {
			add(name);
			throw new IllegalStateException("outer failure");
		}

		@Transactional
		public void addWithFailingNested(String outer, String inner) {
			add(outer);
			try {
				this.inner.addThenFail(inner);
			}
			catch (IllegalStateException ex) {
				// The savepoint is rolled back; the outer insert stays.
			}
		}

		@Transactional
		public void addThenRequiresNew(String outer, String inner) {
			add(outer);
			this.inner.addInNewTransaction(inner);
		}

		@Transactional
		public void addThenNotSupported(String outer) {
			add(outer);
			this.inner.count();
		}

		@Transactional
		public void addAndCheckOwnRows(String owner, int i, int committedSoFar, boolean fail) {
			this.jdbc.update("INSERT INTO item (name) VALUES (?)", owner + "-" + i);
			Thread.yield();
			Integer own = this.jdbc.queryForObject("SELECT count(*) FROM item WHERE name LIKE ?", Integer.class,
					owner + "-%");
			if (own != committedSoFar + 1) {
				throw new AssertionError(owner + " sees " + own + " rows, expected " + (committedSoFar + 1));
			}
			if (fail) {
				throw new IllegalStateException(owner + " rolls back " + i);
			}
		}

	}

}
