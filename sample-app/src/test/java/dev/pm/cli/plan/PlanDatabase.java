package dev.pm.cli.plan;

import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Test access to the plan's tables: emptying them between tests, and a snapshot of
 * everything in them, history included, to prove that a refused operation changed
 * nothing. The history is append-only, so emptying leaves it; tasks get ids never used
 * before, so old rows stay apart.
 */
public final class PlanDatabase {

	private static final String[] TABLES = { "task_dependency", "task", "feature", "epic" };

	private static final String[] SNAPSHOT = { "task_dependency", "task", "feature", "epic", "task_history" };

	private final JdbcClient jdbc;

	public PlanDatabase(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void empty() {
		Stream.of(TABLES).forEach((table) -> this.jdbc.sql("DELETE FROM " + table).update());
	}

	/** Every row of every table, in a stable order. */
	public String snapshot() {
		return Stream.of(SNAPSHOT)
			.map((table) -> table + ": "
					+ this.jdbc.sql("SELECT * FROM " + table + " ORDER BY 1, 2")
						.query()
						.listOfRows()
						.stream()
						.map(Object::toString)
						.collect(Collectors.joining("; ")))
			.collect(Collectors.joining("\n"));
	}

	public int count(String table) {
		return this.jdbc.sql("SELECT count(*) FROM " + table).query(Integer.class).single();
	}

}
