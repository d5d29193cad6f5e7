package dev.pm.db.jdbc;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TransactionStateTests {

	@TempDir
	Path dir;

	@Test
	void tellsWhetherSqliteHasATransactionOpenWhateverTheDriverFlagSays() throws SQLException {
		try (SQLiteConnection connection = open()) {
			assertThat(TransactionState.isOpen(connection)).isFalse();
			connection.getDatabase()._exec("BEGIN");
			assertThat(connection.getAutoCommit()).isTrue();
			assertThat(TransactionState.resynchronize(connection)).isTrue();
			assertThat(connection.getAutoCommit()).isFalse();
			TransactionState.rollBack(connection);
			assertThat(TransactionState.isOpen(connection)).isFalse();
			assertThat(connection.getAutoCommit()).isTrue();
		}
	}

	@Test
	void rollingBackWhatSqliteAlreadyRolledBackIsNoError() throws SQLException {
		try (SQLiteConnection connection = open()) {
			connection.getConnectionConfig().setAutoCommit(false);
			TransactionState.rollBack(connection);
			assertThat(connection.getAutoCommit()).isTrue();
		}
	}

	@Test
	void rollbackThatFailsWhileATransactionMayBeOpenIsReported() throws SQLException {
		SQLiteConnection connection = open();
		connection.close();
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> TransactionState.rollBack(connection));
	}

	private SQLiteConnection open() throws SQLException {
		return (SQLiteConnection) DriverManager.getConnection("jdbc:sqlite:" + this.dir.resolve("pm.db"));
	}

}
