package dev.pm.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import dev.pm.db.TransactionsTests.Outer;
import dev.pm.db.jdbc.SqliteDataSource;
import dev.pm.testing.output.ExpectedOutputExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.pm.db.test.Holder.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Read-only transactions on read-only connections beside the one writer: reads and writes
 * do not wait for each other, a read sees every write committed before it began and never
 * part of one, and read-write transactions keep the writer.
 */
@ExtendWith(ExpectedOutputExtension.class)
class ReadersTests {

	@TempDir
	Path dir;

	private ApplicationContextRunner contextRunner() {
		// A short busy timeout: a read that waited for the writer (or the other way
		// round) fails quickly instead of passing slowly.
		return TransactionsTests.contextRunner(file(), 2).withPropertyValues("pm.db.busy-timeout=300ms");
	}

	private Path file() {
		return this.dir.resolve("pm.db");
	}

	@Test
	void readOnlyTransactionRunsWhileAWriteTransactionIsOpenAndSeesOnlyCommittedWork() {
		contextRunner().run((context) -> {
			Outer outer = context.getBean(Outer.class);
			outer.add("committed");
			CountDownLatch writing = new CountDownLatch(1);
			CountDownLatch finish = new CountDownLatch(1);
			Thread writer = new Thread(() -> writable(context).executeWithoutResult((status) -> {
				jdbc(context).update("INSERT INTO item (name) VALUES ('not yet')");
				writing.countDown();
				await(finish);
			}), "long-write");
			writer.start();
			await(writing);
			List<String> seen = readOnly(context).execute((status) -> names(jdbc(context)));
			finish.countDown();
			writer.join(10_000);
			assertThat(seen).containsExactly("committed");
			assertThat(names(jdbc(context))).containsExactly("committed", "not yet");
		});
	}

	@Test
	void writeCommitsWhileALongReadOnlyTransactionIsOpen() {
		contextRunner().run((context) -> {
			CountDownLatch reading = new CountDownLatch(1);
			CountDownLatch finish = new CountDownLatch(1);
			Thread report = new Thread(() -> readOnly(context).executeWithoutResult((status) -> {
				names(jdbc(context));
				reading.countDown();
				await(finish);
			}), "long-report");
			report.start();
			await(reading);
			context.getBean(Outer.class).add("written");
			finish.countDown();
			report.join(10_000);
			assertThat(names(jdbc(context))).containsExactly("written");
		});
	}

	@Test
	void readOnlyTransactionSeesEveryWriteItsThreadCommittedBeforeItBegan() {
		contextRunner().withPropertyValues("pm.db.synchronous=normal").run((context) -> {
			Outer outer = context.getBean(Outer.class);
			TransactionTemplate readOnly = readOnly(context);
			int threads = 4;
			ExecutorService executor = Executors.newFixedThreadPool(threads);
			try {
				List<Future<?>> done = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					String owner = "t" + t;
					done.add(executor.submit(() -> {
						for (int i = 1; i <= 50; i++) {
							outer.add(owner + "-" + i);
							Integer own = readOnly.execute((status) -> jdbc(context).queryForObject(
									"SELECT count(*) FROM item WHERE name LIKE ?", Integer.class, owner + "-%"));
							assertThat(own).as(owner + " after its write " + i).isEqualTo(i);
						}
					}));
				}
				for (Future<?> thread : done) {
					thread.get(60, TimeUnit.SECONDS);
				}
			}
			finally {
				executor.shutdownNow();
			}
		});
	}

	@Test
	void readOnlyTransactionNeverSeesPartOfAWriteTransaction() {
		contextRunner().withPropertyValues("pm.db.synchronous=normal").run((context) -> {
			JdbcTemplate jdbc = jdbc(context);
			jdbc.execute("CREATE TABLE account (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL)");
			jdbc.update("INSERT INTO account (id, balance) VALUES (1, 100), (2, 0)");
			AtomicBoolean writing = new AtomicBoolean(true);
			ExecutorService executor = Executors.newFixedThreadPool(3);
			try {
				Future<?> transfers = executor.submit(() -> {
					for (int i = 0; i < 300; i++) {
						writable(context).executeWithoutResult((status) -> {
							jdbc.update("UPDATE account SET balance = balance - 1 WHERE id = 1");
							Thread.yield();
							jdbc.update("UPDATE account SET balance = balance + 1 WHERE id = 2");
						});
					}
					writing.set(false);
				});
				List<Future<Integer>> readers = new ArrayList<>();
				for (int r = 0; r < 2; r++) {
					readers.add(executor.submit(() -> {
						int reads = 0;
						while (writing.get() || reads == 0) {
							// Two statements of one transaction: the second sees the same
							// snapshot as the first.
							int total = readOnly(context).execute((status) -> balance(jdbc, 1) + balance(jdbc, 2));
							assertThat(total).as("total seen by read " + reads).isEqualTo(100);
							reads++;
						}
						return reads;
					}));
				}
				transfers.get(60, TimeUnit.SECONDS);
				for (Future<Integer> reader : readers) {
					assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
				}
				assertThat(balance(jdbc, 2)).isEqualTo(300);
			}
			finally {
				executor.shutdownNow();
			}
		});
	}

	@Test
	void readOnlyTransactionInsideAReadWriteOneStaysOnTheWriterAndSeesItsWork() {
		contextRunner().run((context) -> {
			List<String> seen = writable(context).execute((status) -> {
				jdbc(context).update("INSERT INTO item (name) VALUES ('uncommitted')");
				return readOnly(context).execute((inner) -> names(jdbc(context)));
			});
			assertThat(seen).containsExactly("uncommitted");
		});
	}

	@Test
	void connectionTakenInsideAReadOnlyTransactionIsOfTheSameReaderAndSeesTheSameSnapshot() {
		contextRunner().run((context) -> {
			context.getBean(Outer.class).add("before");
			DataSource dataSource = context.getBean(DataSource.class);
			CountDownLatch reading = new CountDownLatch(1);
			CountDownLatch written = new CountDownLatch(1);
			Thread writer = new Thread(() -> {
				await(reading);
				context.getBean(Outer.class).add("after");
				written.countDown();
			});
			writer.start();
			List<String> seen = readOnly(context).execute((status) -> {
				names(jdbc(context));
				reading.countDown();
				await(written);
				try (Connection taken = dataSource.getConnection()) {
					return names(new JdbcTemplate(new SingleConnectionDataSource(taken, true)));
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			});
			assertThat(seen).containsExactly("before");
			assertThat(names(jdbc(context))).containsExactly("before", "after");
		});
	}

	@Test
	void readerTakenAndNeverClosedIsReclaimedWhenItsTransactionEnds(CapturedOutput output) {
		contextRunner().withPropertyValues("pm.db.readers=1").run((context) -> {
			SqliteDataSource dataSource = context.getBean(SqliteDataSource.class);
			readOnly(context).executeWithoutResult((status) -> {
				try {
					// ... and an exception skips the close.
					dataSource.getConnection();
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			});
			// Before, the thread kept it until its next transaction began.
			assertThat(dataSource.getReaderStatuses().get(0).holder()).isNull();
			assertThat(output).contains("still held [read-only connection 1] of " + file())
				.contains("when the transaction it took it in ended");
		});
	}

	@Test
	void readerStillHeldWhenTheThreadBeginsATransactionIsReclaimedThen(CapturedOutput output) {
		// What the JPA transaction manager relies on: it does not end a transaction's
		// leases as it ends (Hibernate may hold its connection past it), only as the
		// thread's next transaction begins.
		contextRunner().withPropertyValues("pm.db.readers=1").run((context) -> {
			SqliteDataSource dataSource = context.getBean(SqliteDataSource.class);
			Object transaction = new Object();
			dataSource.beginOnReader(transaction);
			dataSource.getConnection();
			dataSource.endOnReader(transaction);
			assertThat(dataSource.getReaderStatuses().get(0).holder()).isEqualTo(Thread.currentThread().getName());
			dataSource.rollBackAbandonedTransaction();
			assertThat(dataSource.getReaderStatuses().get(0).holder()).isNull();
			assertThat(output).contains("still held [read-only connection 1] of " + file())
				.contains("when a new transaction began on that thread");
		});
	}

	@Test
	void writeInsideAReadOnlyTransactionOnAReaderIsRefusedAndWritesNothing() {
		contextRunner().run((context) -> {
			assertThatExceptionOfType(PermissionDeniedDataAccessException.class)
				.isThrownBy(() -> readOnly(context).executeWithoutResult(
						(status) -> jdbc(context).update("INSERT INTO item (name) VALUES ('refused')")))
				.withMessageContaining("readonly");
			assertThat(names(jdbc(context))).isEmpty();
		});
	}

	@Test
	void readersAreReadOnlyAndHaveTheConfiguredPragmas() {
		contextRunner().withPropertyValues("pm.db.pragmas.cache_size=-4000").run((context) -> {
			JdbcTemplate jdbc = jdbc(context);
			List<Object> pragmas = readOnly(context)
				.execute((status) -> List.of(jdbc.queryForObject("PRAGMA query_only", Integer.class),
						jdbc.queryForObject("PRAGMA cache_size", Integer.class),
						jdbc.queryForObject("PRAGMA foreign_keys", Integer.class),
						jdbc.queryForObject("PRAGMA journal_mode", String.class)));
			assertThat(pragmas).containsExactly(1, -4000, 1, "wal");
			assertThat(jdbc.queryForObject("PRAGMA query_only", Integer.class)).isZero();
		});
	}

	@Test
	void readerThatCannotOpenFailsItsTransactionAndLeavesTheThreadOnTheWriter() {
		// Setting user_version writes to the database, which a reader cannot.
		contextRunner().withPropertyValues("pm.db.pragmas.user_version=7").run((context) -> {
			assertThatExceptionOfType(CannotCreateTransactionException.class)
				.isThrownBy(() -> readOnly(context).executeWithoutResult((status) -> names(jdbc(context))))
				.withStackTraceContaining("readonly");
			context.getBean(Outer.class).add("on the writer");
			assertThat(names(jdbc(context))).containsExactly("on the writer");
		});
	}

	@Test
	void readerClosedUnderItsTransactionFailsItAndIsOpenedAgainWithItsPragmas() {
		contextRunner().run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			assertThatExceptionOfType(TransactionSystemException.class)
				.isThrownBy(() -> readOnly(context).executeWithoutResult((status) -> {
					try {
						DataSourceUtils.getConnection(dataSource).unwrap(SQLiteConnection.class).close();
					}
					catch (SQLException ex) {
						throw new IllegalStateException(ex);
					}
				}));
			Integer queryOnly = readOnly(context)
				.execute((status) -> jdbc(context).queryForObject("PRAGMA query_only", Integer.class));
			assertThat(queryOnly).isOne();
		});
	}

	@Test
	void threadThatFindsEveryReaderBusyWaitsInLineForOne() {
		contextRunner().withPropertyValues("pm.db.readers=1", "pm.db.busy-timeout=10s").run((context) -> {
			SqliteDataSource dataSource = context.getBean(SqliteDataSource.class);
			CountDownLatch reading = new CountDownLatch(1);
			CountDownLatch finish = new CountDownLatch(1);
			Thread first = new Thread(() -> readOnly(context).executeWithoutResult((status) -> {
				names(jdbc(context));
				reading.countDown();
				await(finish);
			}), "first-report");
			first.start();
			await(reading);
			Future<List<String>> second = Executors.newSingleThreadExecutor()
				.submit(() -> readOnly(context).execute((status) -> names(jdbc(context))));
			while (dataSource.getReaderStatuses().get(0).waiting() == 0) {
				Thread.onSpinWait();
			}
			finish.countDown();
			assertThat(second.get(10, TimeUnit.SECONDS)).isEmpty();
			first.join(10_000);
		});
	}

	@Test
	void readerHeldByAThreadThatDiedIsTakenOverAndItsTransactionEnded(CapturedOutput output) {
		contextRunner().withPropertyValues("pm.db.readers=1", "pm.db.busy-timeout=10s").run((context) -> {
			PlatformTransactionManager transactionManager = context.getBean(PlatformTransactionManager.class);
			DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
			definition.setReadOnly(true);
			Thread dying = new Thread(() -> {
				TransactionStatus transaction = transactionManager.getTransaction(definition);
				names(jdbc(context));
				// Ends without committing or rolling back.
				assertThat(transaction.isCompleted()).isFalse();
			}, "dying-report");
			dying.start();
			dying.join(10_000);
			List<String> names = readOnly(context).execute((status) -> names(jdbc(context)));
			assertThat(names).isEmpty();
			assertThat(output).contains("Thread 'dying-report' died holding read-only connection 1 to " + file());
		});
	}

	@Test
	void closeEndsReadsStillOpenBeforeItEmptiesTheWriteAheadLog(CapturedOutput output) throws Exception {
		CountDownLatch reading = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		List<Thread> report = new ArrayList<>();
		contextRunner().withPropertyValues("pm.db.shutdown-timeout=200ms").run((context) -> {
			context.getBean(Outer.class).add("a");
			Thread reader = new Thread(() -> {
				try {
					readOnly(context).executeWithoutResult((status) -> {
						names(jdbc(context));
						reading.countDown();
						await(finish);
					});
				}
				catch (RuntimeException ex) {
					// Its connection closed under it.
				}
			}, "report-at-shutdown");
			reader.start();
			report.add(reader);
			await(reading);
		});
		finish.countDown();
		report.get(0).join(10_000);
		assertThat(output).contains("[read-only connection 1] still read after 200 ms (pm.db.shutdown-timeout)");
		Path wal = this.dir.resolve("pm.db-wal");
		assertThat(Files.notExists(wal) || Files.size(wal) == 0).as("the -wal is empty").isTrue();
	}

	@Test
	void readerHeldLongerThanTheLeakWarningIsReported(CapturedOutput output) {
		contextRunner().withPropertyValues("pm.db.lease.leak-warning=100ms").run((context) -> {
			readOnly(context).executeWithoutResult((status) -> {
				names(jdbc(context));
				sleep(300);
			});
			assertThat(output).contains("released read-only connection 1 after")
				.contains("pm.db.lease.leak-warning (100 ms)");
		});
	}

	@Test
	void startUpLineSaysWhereReadOnlyTransactionsRun(CapturedOutput output) {
		contextRunner().run((context) -> assertThat(output).contains("2 read-only connection(s)"));
		contextRunner().withPropertyValues("pm.db.readers=0")
			.run((context) -> assertThat(output).contains("read-only transactions on the writer (pm.db.readers=0)"));
	}

	@Test
	void inMemoryDatabaseServesReadOnlyTransactionsFromTheWriterAndSaysSo(CapturedOutput output) {
		TransactionsTests.contextRunner(file(), 2).withPropertyValues("pm.db.path=:memory:").run((context) -> {
			context.getBean(Outer.class).add("in memory");
			List<String> names = readOnly(context).execute((status) -> names(jdbc(context)));
			assertThat(names).containsExactly("in memory");
			assertThat(context.getBean(SqliteDataSource.class).getReaderCount()).isZero();
			assertThat(output).contains("read-only transactions on the writer: each connection to an in-memory"
					+ " database would be another database");
		});
	}

	private static TransactionTemplate writable(AssertableApplicationContext context) {
		return context.getBean(TransactionTemplate.class);
	}

	private static TransactionTemplate readOnly(AssertableApplicationContext context) {
		TransactionTemplate readOnly = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
		readOnly.setReadOnly(true);
		return readOnly;
	}

	private static JdbcTemplate jdbc(AssertableApplicationContext context) {
		return context.getBean(JdbcTemplate.class);
	}

	private static List<String> names(JdbcTemplate jdbc) {
		return jdbc.queryForList("SELECT name FROM item ORDER BY id", String.class);
	}

	private static int balance(JdbcTemplate jdbc, int account) {
		Integer balance = jdbc.queryForObject("SELECT balance FROM account WHERE id = ?", Integer.class, account);
		return (balance != null) ? balance : -1;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
