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
import java.util.Properties;

import dev.pm.db.DatabasePath;
import dev.pm.testing.output.ExpectedOutputExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.JDBC;
import org.sqlite.SQLiteConnection;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(ExpectedOutputExtension.class)
class StatementCacheTests {

	private static final String SELECT = "SELECT name FROM item WHERE id = ?";

	@TempDir
	Path dir;

	private SQLiteConnection connection;

	@BeforeEach
	void open() throws SQLException {
		this.connection = JDBC.createConnection("jdbc:sqlite:" + this.dir.resolve("pm.db"), new Properties());
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT)");
			statement.execute("INSERT INTO item VALUES (1, 'one'), (2, 'two')");
		}
	}

	@AfterEach
	void close() throws SQLException {
		this.connection.close();
	}

	@Test
	void aClosedStatementIsReusedWithItsParametersCleared() throws SQLException {
		StatementCache cache = new StatementCache(4);
		PreparedStatement first = cache.prepare(this.connection, SELECT);
		first.setLong(1, 1);
		assertThat(name(first)).isEqualTo("one");
		Object physical = first.unwrap(PreparedStatement.class);
		first.close();
		PreparedStatement second = cache.prepare(this.connection, SELECT);
		assertThat(second).isNotSameAs(first);
		assertThat(second.unwrap(PreparedStatement.class)).isSameAs(physical);
		try (ResultSet unbound = second.executeQuery()) {
			// id = NULL matches nothing: the first user's binding did not carry over.
			assertThat(unbound.next()).isFalse();
		}
		second.setLong(1, 2);
		assertThat(name(second)).isEqualTo("two");
		second.close();
		assertThat(cache.size()).isEqualTo(1);
	}

	@Test
	void closingAStatementWithAnOpenResultSetEndsItsRead() throws SQLException {
		StatementCache cache = new StatementCache(4);
		PreparedStatement statement = cache.prepare(this.connection, "SELECT name FROM item");
		ResultSet result = statement.executeQuery();
		assertThat(result.next()).isTrue();
		statement.close();
		assertThat(result.isClosed()).isTrue();
		// With the read ended, another connection may checkpoint the whole log.
		try (PreparedStatement again = cache.prepare(this.connection, "SELECT name FROM item")) {
			assertThat(again.execute()).isTrue();
			assertThat(again.getResultSet().next()).isTrue();
		}
	}

	@Test
	void theSameSqlOpenTwiceAtOnceGetsAnUncachedSecondStatement() throws SQLException {
		StatementCache cache = new StatementCache(4);
		try (PreparedStatement outer = cache.prepare(this.connection, SELECT);
				PreparedStatement inner = cache.prepare(this.connection, SELECT)) {
			assertThat(Proxy.isProxyClass(inner.getClass())).isFalse();
			assertThat(inner.unwrap(PreparedStatement.class)).isNotSameAs(outer.unwrap(PreparedStatement.class));
		}
		assertThat(cache.size()).isEqualTo(1);
	}

	@Test
	void theLeastRecentlyUsedStatementIsClosedWhenTheCacheIsFull() throws SQLException {
		StatementCache cache = new StatementCache(2);
		PreparedStatement first = prepareAndClose(cache, "SELECT 1");
		PreparedStatement second = prepareAndClose(cache, "SELECT 2");
		// Used again, the first is now the more recent of the two: the second goes.
		assertThat(prepareAndClose(cache, "SELECT 1")).isSameAs(first);
		prepareAndClose(cache, "SELECT 3");
		assertThat(cache.size()).isEqualTo(2);
		assertThat(second.isClosed()).isTrue();
		assertThat(first.isClosed()).isFalse();
	}

	@Test
	void aBatchLeftUnexecutedDoesNotRunForTheStatementsNextUser() throws SQLException {
		StatementCache cache = new StatementCache(4);
		String insert = "INSERT INTO item (name) VALUES (?)";
		try (PreparedStatement abandoned = cache.prepare(this.connection, insert)) {
			abandoned.setString(1, "half-built");
			abandoned.addBatch();
		}
		try (PreparedStatement next = cache.prepare(this.connection, insert)) {
			next.setString(1, "mine");
			next.addBatch();
			assertThat(next.executeBatch()).containsExactly(1);
		}
		try (Statement statement = this.connection.createStatement();
				ResultSet names = statement.executeQuery("SELECT count(*) FROM item WHERE name = 'half-built'")) {
			names.next();
			assertThat(names.getInt(1)).isZero();
		}
	}

	@Test
	void aStatementEvictedWhileInUseIsClosedWhenItsUserIsDone() throws SQLException {
		StatementCache cache = new StatementCache(1);
		PreparedStatement inUse = cache.prepare(this.connection, "SELECT 1");
		PreparedStatement physical = inUse.unwrap(PreparedStatement.class);
		prepareAndClose(cache, "SELECT 2");
		assertThat(physical.isClosed()).isFalse();
		assertThat(inUse.executeQuery().next()).isTrue();
		inUse.close();
		assertThat(physical.isClosed()).isTrue();
	}

	@Test
	void aStatementWithChangedSettingsIsNotReused() throws SQLException {
		StatementCache cache = new StatementCache(4);
		PreparedStatement limited = cache.prepare(this.connection, SELECT);
		PreparedStatement physical = limited.unwrap(PreparedStatement.class);
		limited.setMaxRows(1);
		limited.close();
		assertThat(physical.isClosed()).isTrue();
		assertThat(cache.size()).isZero();
	}

	@Test
	void aCacheOfSizeZeroKeepsNothing() throws SQLException {
		StatementCache cache = new StatementCache(0);
		try (PreparedStatement statement = cache.prepare(this.connection, SELECT)) {
			assertThat(Proxy.isProxyClass(statement.getClass())).isFalse();
		}
		assertThat(cache.size()).isZero();
	}

	@Test
	void aClosedUseRefusesWorkAndClosingTwiceIsHarmless() throws SQLException {
		StatementCache cache = new StatementCache(4);
		PreparedStatement statement = cache.prepare(this.connection, SELECT);
		PreparedStatement other = cache.prepare(this.connection, "SELECT 1");
		assertThat(statement).isEqualTo(statement).isNotEqualTo(other);
		assertThat(statement.hashCode()).isEqualTo(System.identityHashCode(statement));
		assertThat(statement.toString()).startsWith("Cached ").doesNotContain("closed");
		assertThat(statement.isClosed()).isFalse();
		statement.close();
		statement.close();
		assertThat(statement.isClosed()).isTrue();
		assertThat(statement.toString()).endsWith("(closed)");
		assertThatExceptionOfType(SQLException.class).isThrownBy(statement::executeQuery)
			.withMessage("This statement was closed");
		other.close();
	}

	@Test
	void errorsOfTheStatementReachTheCallerUnwrapped() throws SQLException {
		StatementCache cache = new StatementCache(4);
		try (PreparedStatement statement = cache.prepare(this.connection, "INSERT INTO item VALUES (?, 'x')")) {
			statement.setLong(1, 1);
			assertThatExceptionOfType(SQLException.class).isThrownBy(statement::executeUpdate)
				.withMessageContaining("UNIQUE");
		}
	}

	@Test
	void aStatementWhoseCleanUpFailsIsDropped() throws SQLException {
		StatementCache cache = new StatementCache(4);
		PreparedStatement statement = cache.prepare(this.connection, SELECT);
		statement.unwrap(PreparedStatement.class).close();
		assertThatExceptionOfType(SQLException.class).isThrownBy(statement::close);
		assertThat(cache.size()).isZero();
	}

	@Test
	void statementsOfAResetConnectionAreNotReused(CapturedOutput output) throws SQLException {
		DataSourceFixture fixture = new DataSourceFixture(this.dir.resolve("reset.db"));
		try (Connection connection = fixture.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
			statement.executeQuery().close();
		}
		fixture.dataSource.resetConnection();
		try (Connection connection = fixture.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
			ResultSet result = statement.executeQuery();
			assertThat(result.next()).isTrue();
		}
		fixture.dataSource.destroy();
		assertThat(output).contains("reset.db was closed by application code");
	}

	/**
	 * Prepare and close a cached statement, returning the physical statement behind it.
	 */
	private PreparedStatement prepareAndClose(StatementCache cache, String sql) throws SQLException {
		PreparedStatement statement = cache.prepare(this.connection, sql);
		PreparedStatement physical = statement.unwrap(PreparedStatement.class);
		statement.close();
		return physical;
	}

	private static String name(PreparedStatement statement) throws SQLException {
		try (ResultSet result = statement.executeQuery()) {
			result.next();
			return result.getString(1);
		}
	}

	private static final class DataSourceFixture {

		private final SqliteDataSource dataSource;

		private DataSourceFixture(Path file) {
			DatabasePath path = DatabasePath.of(file.toString());
			this.dataSource = new SqliteDataSource(path, new PragmaApplier(List.of(), path.getFile()),
					Duration.ofSeconds(1), TransactionMode.IMMEDIATE, 4);
		}

	}

}
