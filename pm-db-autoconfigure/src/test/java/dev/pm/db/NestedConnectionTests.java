package dev.pm.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.pm.db.jdbc.SqliteDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.SQLiteConnection;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A connection taken from the {@code DataSource} while a transaction is open on the same
 * thread shares that transaction's one SQLite connection. Its statements join the
 * transaction; whatever would end or change the transaction (commit, rollback,
 * auto-commit on, a savepoint it did not make) fails at once instead of committing or
 * undoing the outer work.
 */
@ParameterizedClass(name = "pm.db.readers={0}")
@ValueSource(ints = { 0, 2 })
class NestedConnectionTests {

	@Parameter
	int readers;

	@TempDir
	Path dir;

	private ApplicationContextRunner contextRunner() {
		return TransactionsTests.contextRunner(this.dir.resolve("pm.db"), this.readers);
	}

	@Test
	void transactionThatFailsAfterAConnectionTakenInsideItCommittedLeavesNoRow() {
		contextRunner().run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> context.getBean(TransactionTemplate.class).executeWithoutResult((status) -> {
					jdbc.update("INSERT INTO item (name) VALUES ('outer-work')");
					try (Connection connection = dataSource.getConnection()) {
						connection.setAutoCommit(false);
						insert(connection, "inner-work");
						connection.commit();
					}
					catch (SQLException ex) {
						throw new IllegalStateException(ex);
					}
					throw new IllegalStateException("boom");
				}));
			assertThat(AtomicityTests.names(jdbc)).isEmpty();
		});
	}

	@Test
	void commitOfAConnectionTakenInsideATransactionFailsAtOnceNamingTheCauseAndTheFix() {
		insideATransaction((outer, nested) -> {
			assertThatExceptionOfType(IllegalTransactionStateException.class).isThrownBy(nested::commit)
				.withMessageContaining("cannot commit")
				.withMessageContaining("one SQLite connection")
				.withMessageContaining("GenerationType.IDENTITY");
		});
	}

	@Test
	void rollbackOfAConnectionTakenInsideATransactionFailsAndTheOuterWorkCommits() {
		assertThat(insideATransaction((outer, nested) -> {
			assertThatExceptionOfType(IllegalTransactionStateException.class).isThrownBy(nested::rollback)
				.withMessageContaining("cannot roll back");
		})).containsExactly("outer-work", "inner-work");
	}

	@Test
	void autoCommitOnForAConnectionTakenInsideATransactionKeepsItInTheTransactionWhichRollsBackWhole() {
		assertThat(insideATransactionThenFail((outer, nested) -> {
			nested.setAutoCommit(true);
			insert(nested, "still joined");
			assertThat(outer.getAutoCommit()).isFalse();
		})).isEmpty();
	}

	@Test
	void connectionTakenInsideATransactionJoinsItWithAutoCommitOffAndReportsItOff() {
		assertThat(insideATransactionThenFail((outer, nested) -> {
			assertThat(nested.getAutoCommit()).isFalse();
			nested.setAutoCommit(false);
			assertThat(nested.getAutoCommit()).isFalse();
		})).isEmpty();
	}

	@Test
	void closingAConnectionTakenInsideATransactionLeavesTheTransactionToItsOwner() {
		assertThat(insideATransactionThenFail((outer, nested) -> {
			nested.close();
			insert(outer, "after close");
		})).isEmpty();
	}

	@Test
	void schemaVersionAskedInsideATransactionLeavesTheConnectionFreeWhenTheTransactionEnds() {
		// As Spring Boot's test slices do, inside the test's transaction. Through
		// Flyway's
		// info() this left one of Flyway's connections open, and the thread held the
		// writer after the transaction.
		contextRunner().run((context) -> {
			DatabaseInitializer initializer = context.getBean(DatabaseInitializer.class);
			context.getBean(TransactionTemplate.class)
				.executeWithoutResult((status) -> assertThat(initializer.getSchemaVersion()).isPresent());
			assertThat(context.getBean(SqliteDataSource.class).getLeaseStatus().holder()).isNull();
		});
	}

	@Test
	void savepointOfAConnectionTakenInsideATransactionRollsBackItsOwnWorkOnly() {
		assertThat(insideATransaction((outer, nested) -> {
			Savepoint savepoint = nested.setSavepoint();
			insert(nested, "undone");
			nested.rollback(savepoint);
			Savepoint released = nested.setSavepoint("released");
			nested.releaseSavepoint(released);
		})).containsExactly("outer-work", "inner-work");
	}

	@Test
	void savepointThatAConnectionDidNotMakeCannotBeReleasedOrRolledBackThroughIt() {
		assertThat(insideATransaction((outer, nested) -> {
			Savepoint outers = outer.setSavepoint();
			assertThatExceptionOfType(IllegalTransactionStateException.class)
				.isThrownBy(() -> nested.releaseSavepoint(outers))
				.withMessageContaining("did not make");
			assertThatExceptionOfType(IllegalTransactionStateException.class).isThrownBy(() -> nested.rollback(outers))
				.withMessageContaining("did not make");
			outer.releaseSavepoint(outers);
		})).containsExactly("outer-work", "inner-work");
	}

	@Test
	void connectionThatBeganTheTransactionCommitsItWhileAnotherIsOpen() {
		contextRunner().run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			try (Connection outer = dataSource.getConnection(); Connection nested = dataSource.getConnection()) {
				outer.setAutoCommit(false);
				insert(nested, "joined");
				outer.commit();
				outer.setAutoCommit(true);
				// With the transaction over, the other connection may begin its own.
				nested.setAutoCommit(false);
				insert(nested, "own");
				nested.commit();
				nested.setAutoCommit(true);
			}
			assertThat(AtomicityTests.names(context.getBean(JdbcTemplate.class))).containsExactly("joined", "own");
		});
	}

	@Test
	void connectionThatBeganTheTransactionRollsItBackWhenClosedEvenWhileAnotherIsOpen() {
		contextRunner().run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			try (Connection nested = dataSource.getConnection()) {
				Connection outer = dataSource.getConnection();
				outer.setAutoCommit(false);
				insert(outer, "never committed");
				outer.close();
				assertThat(nested.getAutoCommit()).isTrue();
				insert(nested, "auto-committed");
			}
			assertThat(AtomicityTests.names(context.getBean(JdbcTemplate.class))).containsExactly("auto-committed");
		});
	}

	@Test
	void transactionBegunOnThePhysicalConnectionItselfCanBeCommittedThroughALease() {
		contextRunner().run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			try (Connection lease = dataSource.getConnection()) {
				// No lease began it, so none is refused its end.
				lease.unwrap(SQLiteConnection.class).setAutoCommit(false);
				insert(lease, "committed");
				lease.commit();
				lease.setAutoCommit(true);
			}
			assertThat(AtomicityTests.names(context.getBean(JdbcTemplate.class))).containsExactly("committed");
		});
	}

	/**
	 * Run {@code work} with the connection of a transaction that wrote {@code outer-work}
	 * and a connection taken inside it that wrote {@code inner-work}, then commit; return
	 * what the database holds.
	 */
	private List<String> insideATransaction(NestedWork work) {
		return run(work, false);
	}

	private List<String> insideATransactionThenFail(NestedWork work) {
		return run(work, true);
	}

	private List<String> run(NestedWork work, boolean fail) {
		List<List<String>> names = new ArrayList<>();
		contextRunner().run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			try {
				context.getBean(TransactionTemplate.class).executeWithoutResult((status) -> {
					jdbc.update("INSERT INTO item (name) VALUES ('outer-work')");
					Connection outer = DataSourceUtils.getConnection(dataSource);
					try (Connection nested = dataSource.getConnection()) {
						insert(nested, "inner-work");
						work.run(outer, nested);
					}
					catch (SQLException ex) {
						throw new IllegalStateException(ex);
					}
					if (fail) {
						throw new IllegalStateException("outer failure");
					}
				});
			}
			catch (IllegalStateException ex) {
				assertThat(fail).as("failed: " + ex).isTrue();
			}
			names.add(AtomicityTests.names(jdbc));
		});
		return names.get(0);
	}

	private static void insert(Connection connection, String name) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("INSERT INTO item (name) VALUES ('" + name + "')");
		}
	}

	@FunctionalInterface
	interface NestedWork {

		void run(Connection outer, Connection nested) throws SQLException;

	}

}
