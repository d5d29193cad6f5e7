package dev.pm.cli.plan;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * SQL for the {@code epic} table. Constraint violations surface as the starter translates them
 * ({@code DuplicateKeyException}); the services turn them into messages.
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
		this.jdbc.sql("INSERT INTO epic (key, title, created) VALUES (?, ?, ?)")
			.params(key, title, created)
			.update();
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
	 * Returns every epic, ordered by key.
	 * @return the epics
	 */
	public List<Epic> findAll() {
		return this.jdbc.sql("""
				SELECT e.key, e.title, e.created, (SELECT count(*) FROM feature f WHERE f.epic_key = e.key)
				FROM epic e ORDER BY e.key""")
			.query((rs, row) -> new Epic(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
			.list();
	}

}
