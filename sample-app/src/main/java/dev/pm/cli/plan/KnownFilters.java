package dev.pm.cli.plan;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refuses a filter that names an epic or a feature that does not exist: a misspelt key
 * would otherwise read as "no task is available", and an agent would stop working.
 */
@Component
class KnownFilters {

	private final JdbcClient jdbc;

	KnownFilters(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Refuses a filter on an epic or a feature that does not exist.
	 * @param filter the filter
	 * @throws PlanException naming the key
	 */
	void require(WorkFilter filter) {
		require("epic", filter.epic());
		require("feature", filter.feature());
	}

	private void require(String table, String key) {
		// The table is one of two names above, never the user's text.
		if (key != null && this.jdbc.sql("SELECT count(*) FROM " + table + " WHERE key = ?")
			.param(key)
			.query(Integer.class)
			.single() == 0) {
			throw new PlanException(table + " " + key + " does not exist");
		}
	}

}
