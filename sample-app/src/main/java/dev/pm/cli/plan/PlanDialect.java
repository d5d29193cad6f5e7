package dev.pm.cli.plan;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The one statement of the plan whose SQL differs between SQLite and PostgreSQL: how
 * {@code pm task claim} keeps two agents from taking the same task. On SQLite a
 * read-write transaction begins {@code IMMEDIATE}, so claims queue for the database's one
 * write lock and each sees the ones before it. PostgreSQL lets every connection write at
 * once: the chosen row is locked, and other claimers skip locked rows instead of waiting
 * for them ({@code FOR UPDATE SKIP LOCKED}).
 * <p>
 * The database is known from {@code spring.datasource.url}, as pm-db knows it, without
 * opening a connection before the database has been checked.
 */
@Component
public class PlanDialect {

	private final boolean postgresql;

	PlanDialect(Environment environment) {
		this.postgresql = environment.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:");
	}

	/**
	 * Returns what follows the query for the task to claim: a lock that other claimers
	 * skip, on PostgreSQL; nothing on SQLite.
	 * @return the clause, with a leading space, or an empty string
	 */
	String claimLock() {
		return this.postgresql ? " FOR UPDATE OF t SKIP LOCKED" : "";
	}

}
