package dev.pm.db.jpa;

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
		SqliteJpaTransactionManager transactionManager = new SqliteJpaTransactionManager();
		transactionManager.setEntityManagerFactory(closed);
		assertThatExceptionOfType(CannotCreateTransactionException.class)
			.isThrownBy(() -> transactionManager.getTransaction(new DefaultTransactionDefinition()))
			.withCause(failure);
	}

}
