package dev.pm.db.jpa;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.pm.db.jpa.app.Item;
import dev.pm.db.jpa.app.ItemRepository;
import dev.pm.db.jpa.app.ItemService;
import dev.pm.db.jpa.app.JpaApplication;
import dev.pm.testing.output.ExpectedOutputExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.NestedTransactionNotSupportedException;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * JPA repositories and {@code JdbcClient} in the same {@code @Transactional} methods, in
 * an application with the starter, Spring Data JPA and Hibernate, on a database file,
 * with read-only connections (the default); {@link JpaTransactionsWithoutReadersTests}
 * runs the same without them.
 */
@SpringBootTest(classes = JpaApplication.class)
@ExtendWith(ExpectedOutputExtension.class)
class JpaTransactionsTests {

	@TempDir
	static Path dir;

	@Autowired
	ItemRepository repository;

	@Autowired
	ItemService service;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("pm.db.path", () -> dir.resolve("jpa.db").toString());
		registry.add("pm.db.busy-timeout", () -> "300ms");
	}

	@BeforeEach
	void empty() {
		this.jdbc.sql("DELETE FROM item").update();
	}

	@Test
	void transactionManagerIsPmDbsJpaOne(@Autowired PlatformTransactionManager transactionManager) {
		assertThat(transactionManager).isInstanceOf(SqliteJpaTransactionManager.class);
	}

	@Test
	void transactionLeftOpenByAnUnclosedConnectionIsRolledBackNotCommittedByTheNextJpaTransaction(
			@Autowired DataSource dataSource, CapturedOutput output) throws Exception {
		Connection leaked = dataSource.getConnection();
		leaked.setAutoCommit(false);
		leaked.createStatement().execute("INSERT INTO item (name) VALUES ('leaked')");
		// ... and an exception skips the close.
		this.repository.save(new Item("own"));
		assertThat(names()).containsExactly("own");
		assertThat(leaked.isClosed()).isTrue();
		assertThat(output).contains("Rolled back a transaction that thread 'main' left open");
	}

	@Test
	void repositorySaveWritesTheRowAndReturnsItsGeneratedId() {
		Item saved = this.repository.save(new Item("written"));
		assertThat(saved.getId()).isNotNull();
		assertThat(names()).containsExactly("written");
		assertThat(this.jdbc.sql("SELECT id FROM item").query(Long.class).single()).isEqualTo(saved.getId());
	}

	@Test
	void transactionCommitsARepositorySaveAndAJdbcClientUpdateTogether() {
		this.jdbc.sql("INSERT INTO item (name) VALUES ('old')").update();
		this.service.saveAndRename("saved", "old", "renamed");
		assertThat(names()).containsExactlyInAnyOrder("saved", "renamed");
	}

	@Test
	void rollbackUndoesBothARepositorySaveAndAJdbcClientUpdate() {
		this.jdbc.sql("INSERT INTO item (name) VALUES ('old')").update();
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.service.saveAndRenameThenFail("saved", "old", "renamed"));
		assertThat(names()).containsExactly("old");
	}

	@Test
	void requiresNewInsideATransactionFailsAndNothingIsWritten() {
		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> this.service.saveThenRequiresNew("outer"))
			.withMessageContaining("REQUIRES_NEW");
		assertThat(names()).isEmpty();
	}

	@Test
	void notSupportedInsideATransactionFailsAndNothingIsWritten() {
		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> this.service.saveThenNotSupported("outer"))
			.withMessageContaining("NOT_SUPPORTED");
		assertThat(names()).isEmpty();
	}

	@Test
	void nestedInsideATransactionFailsBecauseHibernateHasNoSavepointsAndNothingIsWritten() {
		assertThatExceptionOfType(NestedTransactionNotSupportedException.class)
			.isThrownBy(() -> this.service.saveThenNested("outer"));
		assertThat(names()).isEmpty();
	}

	@Test
	void duplicateKeyFromARepositoryIsTranslatedByPmDb() {
		this.repository.save(new Item("twice"));
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.repository.saveAndFlush(new Item("twice")));
		assertThat(names()).containsExactly("twice");
	}

	@Test
	void anotherThreadWaitsForTheLeaseOfAJpaTransactionThenFailsClearly() throws Exception {
		CountDownLatch saved = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
			try {
				this.service.saveAndHold("held", saved, release);
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		try {
			assertThat(saved.await(10, TimeUnit.SECONDS)).isTrue();
			assertThatExceptionOfType(CannotAcquireLockException.class)
				.isThrownBy(() -> this.service.saveAndRename("other", "none", "none"))
				.withMessageContaining("pm.db.busy-timeout");
		}
		finally {
			release.countDown();
			holder.get(10, TimeUnit.SECONDS);
		}
		assertThat(names()).containsExactly("held");
	}

	@Test
	void readOnlyTransactionReadsWithoutTakingTheWriteLock() {
		this.repository.save(new Item("existing"));
		List<Item> items = this.service.readWhile(() -> writeFromAnotherConnection("from elsewhere"));
		assertThat(items).extracting(Item::getName).containsExactly("existing");
		assertThat(names()).containsExactlyInAnyOrder("existing", "from elsewhere");
	}

	private void writeFromAnotherConnection(String name) {
		// No busy timeout: if the read-only transaction held the write lock, this fails
		// at once.
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jpa.db"));
				Statement statement = connection.createStatement()) {
			statement.execute("INSERT INTO item (name) VALUES ('" + name + "')");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private List<String> names() {
		return this.jdbc.sql("SELECT name FROM item ORDER BY id").query(String.class).list();
	}

}
