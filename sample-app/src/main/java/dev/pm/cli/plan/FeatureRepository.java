package dev.pm.cli.plan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * SQL for the {@code feature} table. Constraint violations surface as the starter
 * translates them; the services turn them into messages.
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
	 * Returns the features of one epic, or of all, with their progress, ordered by key,
	 * in one query.
	 * @param epic an epic's key, or {@code null} for every feature
	 * @return the features
	 */
	public List<Feature> findAll(String epic) {
		if (epic == null) {
			return select("").query(FeatureRepository::feature).list();
		}
		return select(" WHERE f.epic_key = :epic").param("epic", epic).query(FeatureRepository::feature).list();
	}

	/**
	 * Returns one feature with its progress.
	 * @param key its key
	 * @return the feature, or empty if there is none
	 */
	public Optional<Feature> find(String key) {
		return select(" WHERE f.key = :key").param("key", key).query(FeatureRepository::feature).optional();
	}

	/**
	 * Sets the title and description of a feature.
	 * @param key its key
	 * @param title its title
	 * @param description its description, or {@code null}
	 * @return whether a feature was updated
	 */
	public boolean update(String key, String title, String description) {
		return this.jdbc.sql("UPDATE feature SET title = ?, description = ? WHERE key = ?")
			.params(title, description, key)
			.update() == 1;
	}

	private JdbcClient.StatementSpec select(String where) {
		return this.jdbc.sql("SELECT f.key, f.title, f.epic_key, f.created, " + Progress.COLUMNS + ", f.description"
				+ " FROM feature f LEFT JOIN task t ON t.feature_key = f.key" + where
				+ " GROUP BY f.key ORDER BY f.key");
	}

	private static Feature feature(ResultSet rs, int row) throws SQLException {
		return new Feature(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), Progress.read(rs, 5),
				rs.getString("description"));
	}

	/**
	 * Deletes a feature; the foreign key of its tasks refuses this while it has any.
	 * @param key its key
	 * @return whether a feature was deleted
	 */
	// In a savepoint: the caller goes on to say what is in the way, and PostgreSQL
	// refuses every further statement of a transaction in which one failed (SQLite does
	// not).
	@Transactional(propagation = Propagation.NESTED)
	public boolean delete(String key) {
		return this.jdbc.sql("DELETE FROM feature WHERE key = ?").param(key).update() == 1;
	}

	/**
	 * Counts the tasks of a feature.
	 * @param key its key
	 * @return the number of tasks
	 */
	public int countTasks(String key) {
		return this.jdbc.sql("SELECT count(*) FROM task WHERE feature_key = ?")
			.param(key)
			.query(Integer.class)
			.single();
	}

}
