package dev.pm.bench;

import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link Items} the way a Spring application writes them: {@code @Transactional} methods
 * on a bean and a {@link JdbcTemplate}. The same class runs on the starter and on a
 * HikariCP pool.
 *
 * @author pm-db
 */
public class ItemStore implements Items {

	private final JdbcTemplate jdbcTemplate;

	/**
	 * Create a store.
	 * @param jdbcTemplate the application's template
	 */
	public ItemStore(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	@Override
	@Transactional
	public void insert(long n) {
		this.jdbcTemplate.update(INSERT, Items.name(n), n);
	}

	@Override
	@Transactional(readOnly = true)
	public String find(long id) {
		return this.jdbcTemplate.queryForObject(SELECT_BY_ID, (result, row) -> result.getString(1), id);
	}

	@Override
	@Transactional(readOnly = true)
	public void holdRead(long id, long millis) {
		find(id);
		Items.pause(millis);
	}

	@Override
	@Transactional
	public void insertBatch(int rows) {
		this.jdbcTemplate.batchUpdate(INSERT, new BatchPreparedStatementSetter() {

			@Override
			public void setValues(PreparedStatement statement, int i) throws SQLException {
				statement.setString(1, Items.name(i));
				statement.setLong(2, i);
			}

			@Override
			public int getBatchSize() {
				return rows;
			}

		});
	}

	@Override
	@Transactional
	public void findThenInsert(long id) {
		String name = find(id);
		this.jdbcTemplate.update(INSERT, name, id);
	}

	@Override
	@Transactional(readOnly = true)
	public long count() {
		Long count = this.jdbcTemplate.queryForObject("SELECT count(*) FROM item", Long.class);
		return (count != null) ? count : 0;
	}

}
