package dev.pm.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import dev.pm.db.TransactionsTests.Outer;
import dev.pm.db.jdbc.LeaseStatus;
import dev.pm.db.jdbc.SqliteDataSource;
import dev.pm.db.test.WriteLockHolder;
import dev.pm.testing.output.ExpectedOutputExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A transaction commits what it did, all of it or nothing, whatever happened to the
 * connection before it: a {@code BEGIN} that timed out, work leaked by another use.
 */
@ParameterizedClass(name = "pm.db.readers={0}")
@ValueSource(ints = { 0, 2 })
@ExtendWith(ExpectedOutputExtension.class)
class AtomicityTests {

	@Parameter
	int readers;

	@TempDir
	Path dir;

	private ApplicationContextRunner contextRunner() {
		return TransactionsTests.contextRunner(this.dir.resolve("pm.db"), this.readers)
			.withPropertyValues("pm.db.busy-timeout=300ms");
	}

	@Test
	void beginThatTimesOutBehindAnotherProcessIsALockFailureAndLeavesTheConnectionAsBefore() {
		contextRunner().run((context) -> {
			Outer outer = context.getBean(Outer.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			try (WriteLockHolder other = WriteLockHolder.lock(this.dir.resolve("pm.db"))) {
				assertThatExceptionOfType(CannotAcquireLockException.class).isThrownBy(() -> outer.add("blocked"))
					.withMessageContaining("SQLITE_BUSY");
			}
			// The next transactions begin for real: a rollback undoes, a commit commits.
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> outer.addThenFail("undone"));
			outer.add("kept");
			assertThat(jdbc.queryForList("SELECT name FROM item ORDER BY id", String.class)).containsExactly("kept");
		});
	}

	@Test
	void transactionLeftOpenByAnUnclosedConnectionIsRolledBackBeforeTheNextTransactionOnTheSameThread(
			CapturedOutput output) {
		contextRunner().run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			leakATransaction(dataSource, "leaked");
			context.getBean(Outer.class).add("own");
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForList("SELECT name FROM item ORDER BY id", String.class)).containsExactly("own");
			assertThat(output).contains("Rolled back a transaction").contains("never closed");
			// The thread's leaked lease was ended with the transaction: other threads get
			// the connection.
			Thread other = new Thread(() -> context.getBean(Outer.class).add("other thread"));
			other.start();
			other.join(10_000);
			assertThat(jdbc.queryForList("SELECT name FROM item ORDER BY id", String.class)).containsExactly("own",
					"other thread");
		});
	}

	@Test
	void connectionWhoseTransactionWasRolledBackForItCannotBeUsedAgain(CapturedOutput output) {
		contextRunner().run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			Connection leaked = leakATransaction(dataSource, "leaked");
			context.getBean(TransactionTemplate.class).executeWithoutResult((status) -> {
			});
			assertThat(leaked.isClosed()).isTrue();
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> leaked.createStatement().execute("INSERT INTO item (name) VALUES ('late')"))
				.withMessageContaining("ended");
			leaked.close();
			assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT count(*) FROM item", Integer.class))
				.isZero();
		});
		assertThat(output).contains("Rolled back a transaction that thread 'main' left open");
	}

	@Test
	void connectionTakenInsideATransactionAndNeverClosedEndsWithItSoAnotherThreadGetsTheDatabase(
			CapturedOutput output) {
		contextRunner().run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			Connection[] leaked = new Connection[1];
			context.getBean(TransactionTemplate.class).executeWithoutResult((status) -> {
				jdbc.update("INSERT INTO item (name) VALUES ('outer')");
				try {
					leaked[0] = dataSource.getConnection();
					leaked[0].createStatement().execute("INSERT INTO item (name) VALUES ('joined')");
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
				// ... and no close.
			});
			// Before, the thread kept the connection: the other one timed out.
			Thread other = new Thread(() -> context.getBean(Outer.class).add("other thread"));
			other.start();
			other.join(10_000);
			assertThat(names(jdbc)).containsExactly("outer", "joined", "other thread");
			assertThat(context.getBean(SqliteDataSource.class).getLeaseStatus().holder()).isNull();
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> leaked[0].createStatement())
				.withMessageContaining("the transaction it was taken in ended");
		});
		assertThat(output).contains("Thread 'main' still held the connection to")
			.contains("inside a transaction and never closed");
	}

	@Test
	void connectionTakenInsideAReadOnlyTransactionAndNeverClosedEndsWithIt(CapturedOutput output) {
		contextRunner().run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			TransactionTemplate readOnly = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
			readOnly.setReadOnly(true);
			readOnly.executeWithoutResult((status) -> {
				try {
					dataSource.getConnection().createStatement().execute("SELECT count(*) FROM item");
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			});
			SqliteDataSource sqlite = context.getBean(SqliteDataSource.class);
			assertThat(sqlite.getLeaseStatus().holder()).isNull();
			assertThat(sqlite.getReaderStatuses()).extracting(LeaseStatus::holder).allMatch(Objects::isNull);
		});
		assertThat(output).contains("still held").contains("never closed");
	}

	@Test
	void connectionTakenBeforeATransactionIsTheThreadsOwnAndStaysUsableAfterIt() throws Exception {
		contextRunner().run((context) -> {
			try (Connection before = context.getBean(DataSource.class).getConnection()) {
				context.getBean(Outer.class).add("inside");
				before.createStatement().execute("INSERT INTO item (name) VALUES ('after')");
			}
			assertThat(names(context.getBean(JdbcTemplate.class))).containsExactly("inside", "after");
			assertThat(context.getBean(SqliteDataSource.class).getLeaseStatus().holder()).isNull();
		});
	}

	@Test
	void writeThatFindsTheDatabaseFullFailsWithThatCauseAndTheConnectionWorksOnceThereIsRoom() {
		contextRunner().run((context) -> {
			Outer outer = context.getBean(Outer.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			outer.add("acknowledged");
			Integer pages = jdbc.queryForObject("PRAGMA page_count", Integer.class);
			jdbc.queryForObject("PRAGMA max_page_count = " + (pages + 2), Integer.class);
			TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
			// SQLite rolls the whole transaction back itself; Spring's rollback must not
			// bury that.
			assertThatExceptionOfType(DataAccessResourceFailureException.class)
				.isThrownBy(() -> transactions.executeWithoutResult((status) -> {
					jdbc.update("INSERT INTO item (name) VALUES ('lost with the transaction')");
					jdbc.update("INSERT INTO item (name) VALUES (zeroblob(1000000))");
				}))
				.withMessageContaining("SQLITE_FULL")
				.withMessageContaining("the disk holding " + this.dir.resolve("pm.db") + " is full");
			assertThat(names(jdbc)).containsExactly("acknowledged");
			jdbc.queryForObject("PRAGMA max_page_count = 1000000", Integer.class);
			outer.add("after");
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> outer.addThenFail("undone"));
			assertThat(names(jdbc)).containsExactly("acknowledged", "after");
		});
	}

	private static Connection leakATransaction(DataSource dataSource, String name) throws Exception {
		Connection connection = dataSource.getConnection();
		connection.setAutoCommit(false);
		connection.createStatement().execute("INSERT INTO item (name) VALUES ('" + name + "')");
		// ... and an exception skips the close.
		return connection;
	}

	static List<String> names(JdbcTemplate jdbc) {
		return jdbc.queryForList("SELECT name FROM item ORDER BY id", String.class);
	}

}
