package dev.pm.db.jpa;

import java.nio.file.Path;

import dev.pm.db.jpa.generated.GeneratedIdApplication;
import dev.pm.db.jpa.generated.GeneratedIdApplication.TicketService;
import dev.pm.db.jpa.generated.Ticket;
import dev.pm.db.jpa.generated.TicketRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.IllegalTransactionStateException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Hibernate's table-based id generator (what {@code @GeneratedValue} without a strategy
 * gives on SQLite) commits its next values on a connection of its own; on pm-db's one
 * connection that commit would commit the outer transaction's work too, so it fails at
 * once and the transaction rolls back whole.
 */
@SpringBootTest(classes = GeneratedIdApplication.class)
class GeneratedIdTests {

	@TempDir
	static Path dir;

	@Autowired
	TicketRepository repository;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("pm.db.path", () -> dir.resolve("generated.db").toString());
		registry.add("pm.db.migration.locations", () -> "classpath:db/jpa-generated");
	}

	@Test
	void entityWithATableGeneratedIdSavedInATransactionThatFailsLeavesNothingBehind(@Autowired TicketService service) {
		assertThatException().isThrownBy(() -> service.saveThenFail("lost with the transaction"));
		assertThat(this.jdbc.sql("SELECT count(*) FROM ticket").query(Integer.class).single()).isZero();
	}

	@Test
	void tableGeneratedIdFailsAtOnceNamingIdentityAsTheFix() {
		assertThatException().isThrownBy(() -> this.repository.save(new Ticket("needs an id")))
			.havingRootCause()
			.isInstanceOf(IllegalTransactionStateException.class)
			.withMessageContaining("GenerationType.IDENTITY");
		assertThat(this.jdbc.sql("SELECT next_val FROM ticket_seq").query(Integer.class).single()).isOne();
	}

}
