package dev.pm.db.jdbc;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pm.db.DatabasePath;
import dev.pm.db.test.Holder;
import dev.pm.testing.output.ExpectedOutputExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.ConnectionProxy;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@ExtendWith(ExpectedOutputExtension.class)
class SqliteDataSourceTests {

	@TempDir
	Path dir;

	private SqliteDataSource dataSource;

	@BeforeEach
	void createDataSource() throws SQLException {
		this.dataSource = dataSource(Duration.ofMillis(200));
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE item (name TEXT)");
		}
	}

	private SqliteDataSource dataSource(Duration busyTimeout) {
		DatabasePath path = DatabasePath.of(this.dir.resolve("pm.db").toString());
		PragmaApplier pragmas = new PragmaApplier(List.of(Pragma.of("foreign_keys", "on")), path.getFile());
		return new SqliteDataSource(path, pragmas, busyTimeout, TransactionMode.IMMEDIATE, 4);
	}

	@AfterEach
	void close() {
		this.dataSource.destroy();
	}

	@Test
	void closingALeaseWithAnOpenTransactionRollsItBack() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			insert(connection, "abandoned");
		}
		try (Connection connection = this.dataSource.getConnection()) {
			assertThat(connection.getAutoCommit()).isTrue();
			assertThat(count(connection)).isZero();
		}
	}

	@Test
	void springReleasingALeaseEndsItButNeverClosesThePhysicalConnection() throws Exception {
		Connection lease = this.dataSource.getConnection();
		Connection physical = ((ConnectionProxy) lease).getTargetConnection();
		DataSourceUtils.releaseConnection(physical, this.dataSource);
		assertThat(physical.isClosed()).isFalse();
		DataSourceUtils.releaseConnection(lease, this.dataSource);
		assertThat(lease.isClosed()).isTrue();
		Connection next = CompletableFuture.supplyAsync(() -> {
			try (Connection other = this.dataSource.getConnection()) {
				return ((ConnectionProxy) other).getTargetConnection();
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}).get(5, TimeUnit.SECONDS);
		assertThat(next).isSameAs(physical);
	}

	@Test
	void theSameThreadMayLeaseAgainAndTheInnerCloseKeepsTheOuterTransaction() throws SQLException {
		try (Connection outer = this.dataSource.getConnection()) {
			outer.setAutoCommit(false);
			insert(outer, "outer");
			this.dataSource.getConnection().close();
			assertThat(outer.getAutoCommit()).isFalse();
			outer.commit();
			outer.setAutoCommit(true);
			assertThat(count(outer)).isEqualTo(1);
		}
	}

	@Test
	void anotherThreadWaitsForTheLeaseThenFailsNamingTheHolder() throws Exception {
		try (Connection held = this.dataSource.getConnection()) {
			CompletableFuture<Throwable> waiter = CompletableFuture.supplyAsync(() -> {
				Thread.currentThread().setName("waiter");
				try (Connection connection = this.dataSource.getConnection()) {
					return null;
				}
				catch (Throwable ex) {
					return ex;
				}
			});
			assertThat(waiter.get(5, TimeUnit.SECONDS)).isInstanceOf(CannotAcquireLockException.class)
				.hasMessageContaining("200 ms")
				.hasMessageContaining(Thread.currentThread().getName());
		}
	}

	@Test
	void interruptedWaiterGivesUpAndKeepsItsInterruptFlag() throws Exception {
		SqliteDataSource patient = dataSource(Duration.ofMinutes(1));
		try (Connection held = patient.getConnection()) {
			CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
			Thread waiter = new Thread(() -> {
				try {
					patient.getConnection();
					interrupted.complete(false);
				}
				catch (CannotAcquireLockException ex) {
					interrupted
						.complete(Thread.currentThread().isInterrupted() && ex.getMessage().contains("Interrupted"));
				}
				catch (SQLException ex) {
					interrupted.completeExceptionally(ex);
				}
			});
			waiter.start();
			Thread.sleep(100);
			waiter.interrupt();
			assertThat(interrupted.get(5, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			patient.destroy();
		}
	}

	@Test
	void errorsOfThePhysicalConnectionReachTheCallerUnwrapped() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connection.prepareStatement("SELEC 1"))
				.withMessageContaining("syntax error");
		}
	}

	@Test
	void plainPreparedStatementsAreCachedAndOthersAreNot() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			PreparedStatement plain = connection.prepareStatement("INSERT INTO item (name) VALUES (?)");
			assertThat(Proxy.isProxyClass(plain.getClass())).isTrue();
			plain.close();
			try (PreparedStatement withKeys = connection.prepareStatement("INSERT INTO item (name) VALUES (?)",
					Statement.RETURN_GENERATED_KEYS)) {
				assertThat(Proxy.isProxyClass(withKeys.getClass())).isFalse();
			}
		}
	}

	@Test
	void aFreeLeaseHasNoHolderToName() {
		assertThat(new ConnectionLease(Duration.ZERO, (dead) -> {
		}).holderName()).isEqualTo("(released meanwhile)");
	}

	@Test
	void transactionThatCannotOpenTheConnectionFailsAsCannotCreateTransaction() {
		DatabasePath path = DatabasePath.of(this.dir.resolve("missing-dir/pm.db").toString());
		SqliteDataSource broken = new SqliteDataSource(path, new PragmaApplier(List.of(), path.getFile()),
				Duration.ofMillis(100), TransactionMode.IMMEDIATE, 4);
		SqliteTransactionManager transactionManager = new SqliteTransactionManager(broken,
				new SqliteExceptionTranslator(path.getFile()));
		assertThatExceptionOfType(CannotCreateTransactionException.class)
			.isThrownBy(() -> transactionManager.getTransaction(TransactionDefinition.withDefaults()))
			.withCauseInstanceOf(SQLException.class);
	}

	@Test
	void aClosedLeaseRefusesWorkAndClosingTwiceIsHarmless() throws SQLException {
		Connection connection = this.dataSource.getConnection();
		connection.close();
		connection.close();
		assertThat(connection.isClosed()).isTrue();
		assertThat(connection)
			.hasToString("Lease of " + ((ConnectionProxy) this.dataSource.getConnection().unwrap(ConnectionProxy.class))
				.getTargetConnection() + " (closed)");
		assertThatExceptionOfType(SQLException.class).isThrownBy(connection::createStatement)
			.withMessageContaining("lease was closed");
	}

	@Test
	void leasesAreProxiesOfTheOnePhysicalConnection() throws SQLException {
		try (Connection first = this.dataSource.getConnection(); Connection second = this.dataSource.getConnection()) {
			assertThat(first).isNotEqualTo(second).isEqualTo(first);
			assertThat(first.hashCode()).isEqualTo(System.identityHashCode(first));
			assertThat(first.isClosed()).isFalse();
			SQLiteConnection target = first.unwrap(SQLiteConnection.class);
			assertThat(((ConnectionProxy) first).getTargetConnection()).isSameAs(target);
			assertThat(second.unwrap(SQLiteConnection.class)).isSameAs(target);
			assertThat(first.unwrap(ConnectionProxy.class)).isSameAs(first);
			assertThat(first.isWrapperFor(SQLiteConnection.class)).isTrue();
			assertThat(first.isWrapperFor(ConnectionProxy.class)).isTrue();
			assertThat(first.isWrapperFor(String.class)).isFalse();
			assertThat(first.toString()).startsWith("Lease of ").doesNotContain("closed");
		}
	}

	@Test
	void readOnlyIsAFlagOfTheLeaseAndItsTransactionBeginsDeferred() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setReadOnly(true);
			assertThat(connection.isReadOnly()).isTrue();
			connection.setAutoCommit(false);
			SQLiteConnection target = connection.unwrap(SQLiteConnection.class);
			assertThat(target.getConnectionConfig().getTransactionMode()).hasToString("DEFERRED");
			connection.rollback();
			connection.setAutoCommit(true);
			connection.setReadOnly(false);
			connection.setAutoCommit(false);
			assertThat(target.getConnectionConfig().getTransactionMode()).hasToString("IMMEDIATE");
			connection.rollback();
			connection.setAutoCommit(true);
		}
	}

	@Test
	void switchingAutoCommitOnLeavesTheTransactionModeAlone() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setReadOnly(true);
			connection.setAutoCommit(true);
			assertThat(connection.unwrap(SQLiteConnection.class).getConnectionConfig().getTransactionMode())
				.hasToString("IMMEDIATE");
		}
	}

	@Test
	void physicalConnectionClosedByApplicationCodeIsOpenedAgainWithItsPragmas(CapturedOutput output)
			throws SQLException {
		Connection connection = this.dataSource.getConnection();
		((ConnectionProxy) connection).getTargetConnection().close();
		assertThat(connection.isClosed()).isTrue();
		connection.close();
		try (Connection fresh = this.dataSource.getConnection();
				Statement statement = fresh.createStatement();
				ResultSet foreignKeys = statement.executeQuery("PRAGMA foreign_keys")) {
			assertThat(fresh.isClosed()).isFalse();
			foreignKeys.next();
			assertThat(foreignKeys.getInt(1)).isOne();
			insert(fresh, "after reopening");
			assertThat(count(fresh)).isOne();
		}
		assertThat(output)
			.contains("was closed by application code (through getTargetConnection() or unwrap()); opening it again");
	}

	@Test
	void leaseClosedOnAnotherThreadEndsItThere() throws Exception {
		Connection connection = this.dataSource.getConnection();
		connection.setAutoCommit(false);
		insert(connection, "abandoned");
		CompletableFuture.runAsync(() -> {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}).get(5, TimeUnit.SECONDS);
		// Free for other threads at once, and the transaction it left open was rolled
		// back.
		Integer rows = CompletableFuture.supplyAsync(() -> {
			try (Connection other = this.dataSource.getConnection()) {
				return count(other);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}).get(5, TimeUnit.SECONDS);
		assertThat(rows).isZero();
	}

	@Test
	void interruptedThreadStillGetsAFreeConnectionAndKeepsItsFlag() throws SQLException {
		Thread.currentThread().interrupt();
		try (Connection connection = this.dataSource.getConnection()) {
			assertThat(count(connection)).isZero();
		}
		finally {
			assertThat(Thread.interrupted()).isTrue();
		}
	}

	@Test
	void closingWhileInterruptedStopsWaitingForTheHolderAndKeepsTheFlag(CapturedOutput output) throws Exception {
		try (Holder holder = Holder.hold(this.dataSource, "holder")) {
			this.dataSource.setShutdownTimeout(Duration.ofMinutes(1));
			Thread.currentThread().interrupt();
			this.dataSource.destroy();
			assertThat(Thread.interrupted()).isTrue();
		}
		assertThat(output).contains("Interrupted while waiting to close ").contains("its transaction is rolled back");
	}

	@Test
	void closingADataSourceThatNeverOpenedOrWasClosedUnderneathDoesNothingElse(CapturedOutput output)
			throws SQLException {
		AtomicInteger cleanCloses = new AtomicInteger();
		SqliteDataSource neverOpened = dataSource(Duration.ZERO);
		neverOpened.setCleanCloseListener(cleanCloses::incrementAndGet);
		neverOpened.destroy();
		try (Connection connection = this.dataSource.getConnection()) {
			((ConnectionProxy) connection).getTargetConnection().close();
		}
		this.dataSource.setCleanCloseListener(cleanCloses::incrementAndGet);
		this.dataSource.destroy();
		// Neither close was one that left the file checkpointed.
		assertThat(cleanCloses).hasValue(0);
		try (Connection reopened = this.dataSource.getConnection()) {
			assertThat(count(reopened)).isZero();
		}
		assertThat(output)
			.contains("was closed by application code (through getTargetConnection() or unwrap()); opening it again");
	}

	@Test
	void connectionIfFreeIsNoneForAnInterruptedThreadWhileAnotherHoldsIt() throws Exception {
		try (Holder holder = Holder.hold(this.dataSource, "holder")) {
			assertThat(this.dataSource.getConnectionIfFree(Duration.ofMillis(50))).isNull();
			assertThat(this.dataSource.getLeaseStatus().holder()).isEqualTo("holder");
			Thread.currentThread().interrupt();
			assertThat(this.dataSource.getConnectionIfFree(Duration.ofMinutes(1))).isNull();
			assertThat(Thread.interrupted()).isTrue();
		}
		try (Connection free = this.dataSource.getConnectionIfFree(Duration.ZERO)) {
			assertThat(free).isNotNull();
			assertThat(this.dataSource.getLeaseStatus().holder()).isEqualTo(Thread.currentThread().getName());
		}
		assertThat(this.dataSource.getLeaseStatus().holder()).isNull();
	}

	@Test
	void transactionManagerNeedsTheSqliteDataSource() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SqliteTransactionManager(new DriverManagerDataSource("jdbc:sqlite::memory:"),
					new SqliteExceptionTranslator(null)))
			.withMessageContaining("needs a SqliteDataSource");
	}

	@Test
	void transactionBeginsAfterAnAbandonedOneWhoseConnectionWasClosedUnderneath(CapturedOutput output)
			throws SQLException {
		Connection abandoned = this.dataSource.getConnection();
		abandoned.setAutoCommit(false);
		insert(abandoned, "abandoned");
		((ConnectionProxy) abandoned).getTargetConnection().close();
		SqliteTransactionManager transactionManager = new SqliteTransactionManager(this.dataSource,
				new SqliteExceptionTranslator(null));
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		new TransactionTemplate(transactionManager)
			.executeWithoutResult((status) -> jdbc.update("INSERT INTO item (name) VALUES ('own')"));
		try (Connection connection = this.dataSource.getConnection()) {
			assertThat(count(connection)).isOne();
		}
		assertThat(output)
			.contains("was closed by application code (through getTargetConnection() or unwrap()); opening it again");
	}

	@Test
	void transactionBeginningWhileTheThreadHoldsAConnectionWithoutATransactionUsesIt() throws SQLException {
		SqliteTransactionManager transactionManager = new SqliteTransactionManager(this.dataSource,
				new SqliteExceptionTranslator(null));
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		try (Connection held = this.dataSource.getConnection()) {
			insert(held, "auto-committed");
			new TransactionTemplate(transactionManager)
				.executeWithoutResult((status) -> jdbc.update("INSERT INTO item (name) VALUES ('in transaction')"));
			assertThat(held.isClosed()).isFalse();
			assertThat(count(held)).isEqualTo(2);
		}
	}

	@Test
	void rollbackOfATransactionWhoseConnectionWasClosedUnderneathIsReported() {
		SqliteTransactionManager transactionManager = new SqliteTransactionManager(this.dataSource,
				new SqliteExceptionTranslator(null));
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		assertThatExceptionOfType(TransactionSystemException.class)
			.isThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult((status) -> {
				jdbc.execute((ConnectionCallback<Void>) (connection) -> {
					((ConnectionProxy) connection).getTargetConnection().close();
					return null;
				});
				status.setRollbackOnly();
			}))
			.withMessageContaining("JDBC rollback");
	}

	@Test
	void failureToRollBackAnAbandonedTransactionFailsTheBeginTranslated() {
		DatabasePath path = DatabasePath.of(this.dir.resolve("pm.db").toString());
		SqliteDataSource failing = new SqliteDataSource(path, new PragmaApplier(List.of(), path.getFile()),
				Duration.ofMillis(100), TransactionMode.IMMEDIATE, 4) {

			@Override
			public void rollBackAbandonedTransaction() throws SQLException {
				throw new SQLiteException("disk I/O error", SQLiteErrorCode.SQLITE_IOERR);
			}

		};
		SqliteTransactionManager transactionManager = new SqliteTransactionManager(failing,
				new SqliteExceptionTranslator(path.getFile()));
		assertThatExceptionOfType(DataAccessResourceFailureException.class)
			.isThrownBy(() -> transactionManager.getTransaction(TransactionDefinition.withDefaults()))
			.withMessageContaining("JDBC begin");
	}

	@Test
	void aFailureToOpenTheConnectionReleasesTheLease() throws Exception {
		DatabasePath path = DatabasePath.of(this.dir.resolve("missing-dir/pm.db").toString());
		SqliteDataSource broken = new SqliteDataSource(path, new PragmaApplier(List.of(), path.getFile()),
				Duration.ofMillis(100), TransactionMode.IMMEDIATE, 4);
		assertThatExceptionOfType(SQLException.class).isThrownBy(broken::getConnection);
		// Had the lease leaked, another thread would now time out instead of failing to
		// open.
		CompletableFuture<Throwable> other = CompletableFuture.supplyAsync(() -> {
			try {
				broken.getConnection();
				return null;
			}
			catch (Throwable ex) {
				return ex;
			}
		});
		assertThat(other.get(5, TimeUnit.SECONDS)).isInstanceOf(SQLException.class);
	}

	@Test
	void readOnlyConnectionOfItsDriverCannotWrite() throws SQLException {
		try (Connection inspection = this.dataSource.getDriver().openReadOnly()) {
			assertThat(inspection.isReadOnly()).isTrue();
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> insert(inspection, "refused"))
				.withMessageContaining("SQLITE_READONLY");
		}
	}

	private static void insert(Connection connection, String name) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("INSERT INTO item (name) VALUES ('" + name + "')");
		}
	}

	private static int count(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT count(*) FROM item")) {
			result.next();
			return result.getInt(1);
		}
	}

}
