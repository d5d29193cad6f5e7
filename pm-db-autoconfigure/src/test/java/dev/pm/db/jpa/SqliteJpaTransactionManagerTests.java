package dev.pm.db.jpa;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import dev.pm.db.DatabasePath;
import dev.pm.db.jdbc.PragmaApplier;
import dev.pm.db.jdbc.SqliteDataSource;
import dev.pm.db.jdbc.TransactionMode;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class SqliteJpaTransactionManagerTests {

	@Test
	void beginFailureOtherThanALeaseTimeoutKeepsSpringsException() {
		EntityManagerFactory closed = mock(EntityManagerFactory.class);
		IllegalStateException failure = new IllegalStateException("EntityManagerFactory is closed");
		given(closed.createEntityManager()).willThrow(failure);
		SqliteJpaTransactionManager transactionManager = new SqliteJpaTransactionManager(dataSource());
		transactionManager.setEntityManagerFactory(closed);
		assertThatExceptionOfType(CannotCreateTransactionException.class)
			.isThrownBy(() -> transactionManager.getTransaction(new DefaultTransactionDefinition()))
			.withCause(failure);
	}

	@Test
	void failureToRollBackAnAbandonedTransactionFailsTheBegin() {
		SqliteDataSource failing = new SqliteDataSource(DatabasePath.of(":memory:"), new PragmaApplier(List.of(), null),
				Duration.ofMillis(100), TransactionMode.IMMEDIATE, 0) {

			@Override
			public void rollBackAbandonedTransaction() throws SQLException {
				throw new SQLException("disk I/O error");
			}

		};
		SqliteJpaTransactionManager transactionManager = new SqliteJpaTransactionManager(failing);
		transactionManager.setEntityManagerFactory(mock(EntityManagerFactory.class));
		assertThatExceptionOfType(CannotCreateTransactionException.class)
			.isThrownBy(() -> transactionManager.getTransaction(new DefaultTransactionDefinition()))
			.withMessageContaining("never closed")
			.withCauseInstanceOf(SQLException.class);
	}

	private static SqliteDataSource dataSource() {
		return new SqliteDataSource(DatabasePath.of(":memory:"), new PragmaApplier(List.of(), null),
				Duration.ofMillis(100), TransactionMode.IMMEDIATE, 0);
	}

}
