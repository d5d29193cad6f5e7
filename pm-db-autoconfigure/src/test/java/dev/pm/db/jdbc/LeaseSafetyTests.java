package dev.pm.db.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.pm.db.DatabasePath;
import dev.pm.testing.output.ExpectedOutputExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.ConnectionProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * One forgotten connection must not stop the application: a thread that dies holding it,
 * a lease held too long.
 */
@ExtendWith(ExpectedOutputExtension.class)
class LeaseSafetyTests {

	@TempDir
	Path dir;

	private SqliteDataSource dataSource;

	private JdbcTemplate jdbc;

	@BeforeEach
	void createDataSource() {
		DatabasePath path = DatabasePath.of(this.dir.resolve("pm.db").toString());
		this.dataSource = new SqliteDataSource(path, new PragmaApplier(List.of(), path.getFile()),
				Duration.ofSeconds(5), TransactionMode.IMMEDIATE, 4);
		this.jdbc = new JdbcTemplate(this.dataSource);
		this.jdbc.execute("CREATE TABLE item (name TEXT)");
	}

	@AfterEach
	void close() {
		this.dataSource.destroy();
	}

	@Test
	void threadThatDiesHoldingTheConnectionLosesItsTransactionAndTheOthersGoOn(CapturedOutput output) throws Exception {
		runAndDie("leaker", (connection) -> {
			connection.setAutoCommit(false);
			insert(connection, "half written");
		});
		this.jdbc.update("INSERT INTO item (name) VALUES ('after')");
		Thread other = new Thread(() -> this.jdbc.update("INSERT INTO item (name) VALUES ('other thread')"));
		other.start();
		other.join(10_000);
		assertThat(names()).containsExactly("after", "other thread");
		assertThat(output).contains("Thread 'leaker' died holding the connection")
			.contains("its open transaction was rolled back");
	}

	@Test
	void threadThatDiesHoldingTheConnectionWithoutATransactionKeepsWhatItCommitted(CapturedOutput output)
			throws Exception {
		runAndDie("auto-committer", (connection) -> insert(connection, "committed"));
		assertThat(names()).containsExactly("committed");
		assertThat(output).contains("Thread 'auto-committer' died holding the connection");
	}

	@Test
	void threadThatDiesAfterClosingThePhysicalConnectionLeavesItToBeOpenedAgain(CapturedOutput output)
			throws Exception {
		runAndDie("closer", (connection) -> ((ConnectionProxy) connection).getTargetConnection().close());
		assertThat(names()).isEmpty();
		assertThat(output).contains("Thread 'closer' died holding the connection")
			.contains("was closed by application code");
	}

	@Test
	void failureToCleanUpAfterADeadHolderFreesTheConnectionForTheNextThread() throws Exception {
		ConnectionLease lease = new ConnectionLease(Duration.ofSeconds(5), (dead) -> {
			throw new IllegalStateException("cannot roll back");
		});
		Thread holder = new Thread(() -> {
			try {
				lease.acquire();
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});
		holder.start();
		holder.join(10_000);
		assertThatIllegalStateException().isThrownBy(lease::acquire).withMessage("cannot roll back");
		lease.acquire();
		assertThat(lease.isHeldByCurrentThread()).isTrue();
	}

	@Test
	void onlyAConnectionWhoseOwnerDiedIsTakenOver() {
		LeaseQueue queue = new LeaseQueue();
		LeaseQueue.Waiter place = queue.join();
		assertThat(queue.takeOverFromDeadOwner(place)).isNull();
		assertThat(queue.owner()).isSameAs(Thread.currentThread());
		queue.release();
		assertThat(queue.take()).isTrue();
		assertThat(queue.takeOverFromDeadOwner(queue.join())).isNull();
		assertThat(queue.owner()).isSameAs(Thread.currentThread());
	}

	@Test
	void connectionHeldLongerThanTheLeakWarningIsReportedAndTheNextReportSaysWhereItWasTaken(CapturedOutput output)
			throws Exception {
		this.dataSource.setLeakWarning(Duration.ofMillis(100));
		try (Connection connection = this.dataSource.getConnection()) {
			Thread.sleep(300);
		}
		assertThat(output).contains("Thread 'main' released the database connection after")
			.contains("pm.db.lease.leak-warning (100 ms)")
			.contains("Thread 'main' is here now")
			.contains("records from now on where the connection is taken")
			.doesNotContain("The database connection was taken here");
		try (Connection connection = heldTooLong()) {
			Thread.sleep(300);
		}
		assertThat(output).contains("The database connection was taken here").contains("heldTooLong");
	}

	private Connection heldTooLong() throws SQLException {
		return this.dataSource.getConnection();
	}

	@Test
	// Margins of hundreds of milliseconds: left out of mutation testing, whose agent
	// slows it.
	@Tag("timing")
	void threadWaitingForAConnectionHeldTooLongReportsTheHolderOnce(CapturedOutput output) throws Exception {
		this.dataSource.setLeakWarning(Duration.ofMillis(100));
		CountDownLatch holding = new CountDownLatch(1);
		Thread holder = new Thread(() -> {
			try (Connection connection = this.dataSource.getConnection()) {
				holding.countDown();
				Thread.sleep(700);
			}
			catch (SQLException | InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		}, "slow-holder");
		holder.start();
		assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
		this.jdbc.update("INSERT INTO item (name) VALUES ('waited')");
		holder.join(10_000);
		assertThat(output).containsOnlyOnce("Thread 'slow-holder' still holds the database connection after")
			.doesNotContain("'slow-holder' released");
	}

	@Test
	void leakWarningOfZeroReportsNothing(CapturedOutput output) throws Exception {
		this.dataSource.setLeakWarning(Duration.ZERO);
		try (Connection connection = this.dataSource.getConnection()) {
			Thread.sleep(50);
		}
		assertThat(output).doesNotContain("leak-warning");
	}

	private void runAndDie(String name, SqlWork work) throws InterruptedException {
		Thread thread = new Thread(() -> {
			try {
				// Taken and never closed: the thread ends with the lease.
				work.run(this.dataSource.getConnection());
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}, name);
		thread.start();
		thread.join(10_000);
		assertThat(thread.isAlive()).isFalse();
	}

	private List<String> names() {
		return this.jdbc.queryForList("SELECT name FROM item", String.class);
	}

	private static void insert(Connection connection, String name) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("INSERT INTO item (name) VALUES ('" + name + "')");
		}
	}

	@FunctionalInterface
	interface SqlWork {

		void run(Connection connection) throws SQLException;

	}

}
