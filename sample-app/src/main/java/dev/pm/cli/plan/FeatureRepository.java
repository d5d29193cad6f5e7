package dev.pm.cli.plan;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * SQL for the {@code feature} table. Constraint violations surface as the starter translates
 * them; the services turn them into messages.
 */
@Component
public class FeatureRepository {

	private final JdbcClient jdbc;

	FeatureRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts a feature.
	 * @param key its key
	 * @param title its title
	 * @param epic its epic's key
	 * @param created its creation date
	 */
	public void insert(String key, String title, String epic, String created) {
		this.jdbc.sql("INSERT INTO feature (key, title, epic_key, created) VALUES (?, ?, ?, ?)")
			.params(key, title, epic, created)
			.update();
	}

	/**
	 * Inserts a feature unless one with this key exists.
	 * @param key its key
	 * @param title its title
	 * @param epic its epic's key
	 * @param created its creation date
	 * @return whether it was inserted
	 */
	public boolean insertIfMissing(String key, String title, String epic, String created) {
		return this.jdbc
			.sql("INSERT INTO feature (key, title, epic_key, created) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING")
			.params(key, title, epic, created)
			.update() == 1;
	}

	/**
	 * Returns the features of one epic, or of all, ordered by key.
	 * @param epic an epic's key, or {@code null} for every feature
	 * @return the features
	 */
	public List<Feature> findAll(String epic) {
		return this.jdbc.sql("""
				SELECT f.key, f.title, f.epic_key, f.created,
				       count(t.key), count(CASE WHEN t.status = 'completed' THEN 1 END)
				FROM feature f LEFT JOIN task t ON t.feature_key = f.key
				WHERE :epic IS NULL OR f.epic_key = :epic
				GROUP BY f.key ORDER BY f.key""")
			.param("epic", epic)
			.query((rs, row) -> new Feature(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getInt(5), rs.getInt(6)))
			.list();
	}

	/**
	 * Deletes a feature; the foreign key of its tasks refuses this while it has any.
	 * @param key its key
	 * @return whether a feature was deleted
	 */
	public boolean delete(String key) {
		return this.jdbc.sql("DELETE FROM feature WHERE key = ?").param(key).update() == 1;
	}

	/**
	 * Counts the tasks of a feature.
	 * @param key its key
	 * @return the number of tasks
	 */
	public int countTasks(String key) {
		return this.jdbc.sql("SELECT count(*) FROM task WHERE feature_key = ?").param(key).query(Integer.class).single();
	}

}
