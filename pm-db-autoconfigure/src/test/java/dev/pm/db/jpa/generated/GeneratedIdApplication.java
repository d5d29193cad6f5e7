package dev.pm.db.jpa.generated;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user application with an entity whose id Hibernate generates from a table.
 */
@SpringBootApplication
public class GeneratedIdApplication {

	@Bean
	TicketService ticketService(TicketRepository repository) {
		return new TicketService(repository);
	}

	/** Saves a ticket, then fails: nothing of the transaction may stay. */
	public static class TicketService {

		private final JpaRepository<Ticket, Long> repository;

		TicketService(JpaRepository<Ticket, Long> repository) {
			this.repository = repository;
		}

		@Transactional
		public void saveThenFail(String name) {
			this.repository.save(new Ticket(name));
			throw new IllegalStateException("fails after the save");
		}

	}

}
