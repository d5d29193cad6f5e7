package dev.pm.cli.plan;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Questions about the plan as a whole.
 */
@Repository
public class PlanRepository {

	private final JdbcClient jdbc;

	PlanRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Tells whether the plan holds nothing: no epic (so no feature or task either) and no
	 * history.
	 * @return whether it is empty
	 */
	@Transactional(readOnly = true)
	public boolean isEmpty() {
		return this.jdbc.sql("SELECT NOT EXISTS (SELECT 1 FROM epic) AND NOT EXISTS (SELECT 1 FROM task_history)")
			.query(Boolean.class)
			.single();
	}

}
