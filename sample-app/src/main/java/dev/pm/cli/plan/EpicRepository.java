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
 * SQL for the {@code epic} table. Constraint violations surface as the starter translates
 * them ({@code DuplicateKeyException}); the services turn them into messages.
 */
@Component
public class EpicRepository {

	private final JdbcClient jdbc;

	EpicRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts an epic.
	 * @param key its key
	 * @param title its title
	 * @param created its creation date
	 */
	public void insert(String key, String title, String created) {
		this.jdbc.sql("INSERT INTO epic (key, title, created) VALUES (?, ?, ?)").params(key, title, created).update();
	}

	/**
	 * Inserts an epic unless one with this key exists.
	 * @param key its key
	 * @param title its title
	 * @param created its creation date
	 * @return whether it was inserted
	 */
	public boolean insertIfMissing(String key, String title, String created) {
		return this.jdbc.sql("INSERT INTO epic (key, title, created) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING")
			.params(key, title, created)
			.update() == 1;
	}

	/**
	 * Returns every epic with its progress, ordered by key, in one query.
	 * @return the epics
	 */
	public List<Epic> findAll() {
		return select("").query(EpicRepository::epic).list();
	}

	/**
	 * Returns one epic with its progress.
	 * @param key its key
	 * @return the epic, or empty if there is none
	 */
	public Optional<Epic> find(String key) {
		return select(" WHERE e.key = :key").param("key", key).query(EpicRepository::epic).optional();
	}

	/**
	 * Deletes an epic; the foreign key of its features refuses this while it has any.
	 * @param key its key
	 * @return whether an epic was deleted
	 */
	// In a savepoint: the caller goes on to say what is in the way, and PostgreSQL
	// refuses every further statement of a transaction in which one failed (SQLite does
	// not).
	@Transactional(propagation = Propagation.NESTED)
	public boolean delete(String key) {
		return this.jdbc.sql("DELETE FROM epic WHERE key = ?").param(key).update() == 1;
	}

	/**
	 * Sets the title and description of an epic.
	 * @param key its key
	 * @param title its title
	 * @param description its description, or {@code null}
	 * @return whether an epic was updated
	 */
	public boolean update(String key, String title, String description) {
		return this.jdbc.sql("UPDATE epic SET title = ?, description = ? WHERE key = ?")
			.params(title, description, key)
			.update() == 1;
	}

	private JdbcClient.StatementSpec select(String where) {
		return this.jdbc.sql(selectSql(where));
	}

	/**
	 * Epics with their features counted from the index and their tasks by status, in one
	 * pass.
	 */
	static String selectSql(String where) {
		return "SELECT e.key, e.title, e.created, (SELECT count(*) FROM feature c WHERE c.epic_key = e.key), "
				+ Progress.COLUMNS + ", e.description"
				+ " FROM epic e LEFT JOIN feature f ON f.epic_key = e.key LEFT JOIN task t ON t.feature_key = f.key"
				+ where + " GROUP BY e.key ORDER BY e.key";
	}

	private static Epic epic(ResultSet rs, int row) throws SQLException {
		return new Epic(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), Progress.read(rs, 5),
				rs.getString("description"));
	}

}
