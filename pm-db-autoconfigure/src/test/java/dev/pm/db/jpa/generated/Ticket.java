package dev.pm.db.jpa.generated;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/**
 * An entity whose id is generated as a user writes it without a strategy: Hibernate picks
 * AUTO, which on SQLite keeps the next values in a table.
 */
@Entity
public class Ticket {

	@Id
	@GeneratedValue
	private Long id;

	private String name;

	protected Ticket() {
	}

	public Ticket(String name) {
		this.name = name;
	}

	public Long getId() {
		return this.id;
	}

}
