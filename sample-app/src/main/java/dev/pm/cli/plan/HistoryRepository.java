package dev.pm.cli.plan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * SQL for {@code task_history}, which is append-only: triggers refuse every update and
 * delete, so this class only inserts and reads. Rows follow a task by its id, which
 * survives a change of key. Rows of an epic or a feature (created, updated, deleted) have
 * no task id: their key is the epic's or the feature's, which never changes.
 */
@Component
public class HistoryRepository {

	private final JdbcClient jdbc;

	HistoryRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Appends a row for the task with this key, in the caller's transaction.
	 * @param key the task's key
	 * @param entry what happened
	 */
	public void append(String key, HistoryEntry entry) {
		this.jdbc.sql("""
				INSERT INTO task_history (task_id, task_key, event, from_status, to_status, agent, notes, at)
				SELECT id, key, :event, :from, :to, :agent, :notes, :at FROM task WHERE key = :key""")
			.param("event", entry.event())
			.param("from", (entry.from() != null) ? entry.from().toString() : null)
			.param("to", (entry.to() != null) ? entry.to().toString() : null)
			.param("agent", entry.agent())
			.param("notes", entry.notes())
			.param("at", entry.at())
			.param("key", key)
			.update();
	}

	/**
	 * Appends a row for an epic or a feature, in the caller's transaction.
	 * @param entry what happened; its key is the epic's or the feature's
	 */
	public void appendHeading(HistoryEntry entry) {
		this.jdbc.sql("""
				INSERT INTO task_history (task_id, task_key, event, from_status, to_status, agent, notes, at)
				VALUES (NULL, :key, :event, NULL, NULL, :agent, :notes, :at)""")
			.param("key", entry.key())
			.param("event", entry.event())
			.param("agent", entry.agent())
			.param("notes", entry.notes())
			.param("at", entry.at())
			.update();
	}

	/**
	 * Tells whether the history has rows of an epic or a feature itself.
	 * @param key its key
	 * @return whether it has
	 */
	public boolean hasRowsOf(String key) {
		return this.jdbc.sql("SELECT count(*) FROM task_history WHERE task_key = ? AND task_id IS NULL")
			.param(key)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Returns the history of a task, oldest first.
	 * @param key the task's key now
	 * @param limit at most this many entries, the latest ones
	 * @return the entries, oldest first
	 */
	public List<HistoryEntry> forTask(String key, int limit) {
		return this.jdbc.sql("""
				SELECT * FROM (
				    SELECT h.id, h.at, h.task_key, h.event, h.from_status, h.to_status, h.agent, h.notes
				    FROM task_history h WHERE h.task_id = (SELECT id FROM task WHERE key = ?)
				    ORDER BY h.id DESC LIMIT ?)
				ORDER BY id""").params(key, limit).query(HistoryRepository::entry).list();
	}

	/**
	 * Returns the history of the whole project, oldest first. Rows of a deleted task
	 * stay, and belong to the epic of the key the task had then.
	 * @param filter which rows
	 * @return the entries, oldest first
	 */
	public List<HistoryEntry> project(HistoryFilter filter) {
		return projectRows(filter, null).stream().map(HistoryRow::entry).toList();
	}

	/**
	 * Returns rows of the history of the whole project with their ids, oldest first.
	 * @param filter which rows; its limit keeps the latest
	 * @param afterId only rows with a greater id, or {@code null} for any
	 * @return the rows, by id
	 */
	public List<HistoryRow> projectRows(HistoryFilter filter, Long afterId) {
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		Map<String, Object> params = new LinkedHashMap<>();
		if (afterId != null) {
			where.append(" AND h.id > :after");
			params.put("after", afterId);
		}
		if (filter.since() != null) {
			where.append(" AND h.at >= :since");
			params.put("since", filter.since());
		}
		if (filter.agent() != null) {
			where.append(" AND h.agent = :agent");
			params.put("agent", filter.agent());
		}
		if (filter.epic() != null) {
			// Keys name their epic: T-E01-F01-001 and E01-F01 are of E01.
			where.append(" AND (h.task_key = :epic OR h.task_key LIKE :epicFeatures OR h.task_key LIKE :epicTasks)");
			params.put("epic", filter.epic());
			params.put("epicFeatures", filter.epic() + "-%");
			params.put("epicTasks", "T-" + filter.epic() + "-%");
		}
		params.put("limit", filter.limit());
		return this.jdbc.sql("""
				SELECT * FROM (
				    SELECT h.id, h.at, h.task_key, h.event, h.from_status, h.to_status, h.agent, h.notes
				    FROM task_history h""" + where + """
				    ORDER BY h.id DESC LIMIT :limit)
				ORDER BY id""")
			.params(params)
			.query((rs, row) -> new HistoryRow(rs.getLong("id"), entry(rs, row)))
			.list();
	}

	/**
	 * Returns the status the last import or creation of a task gave it: what the plan's
	 * documents said, before agents moved it.
	 * @param key the task's key
	 * @return the status, or {@code null} if the task has no such entry
	 */
	public TaskStatus statusFromLastImport(String key) {
		return this.jdbc.sql("""
				SELECT h.to_status FROM task_history h
				WHERE h.task_id = (SELECT id FROM task WHERE key = ?) AND h.event IN ('imported', 'created')
				ORDER BY h.id DESC LIMIT 1""")
			.param(key)
			.query(String.class)
			.optional()
			.map(TaskStatus::of)
			.orElse(null);
	}

	private static HistoryEntry entry(ResultSet rs, int row) throws SQLException {
		return new HistoryEntry(rs.getString("at"), rs.getString("task_key"), rs.getString("event"),
				status(rs.getString("from_status")), status(rs.getString("to_status")), rs.getString("agent"),
				rs.getString("notes"));
	}

	private static TaskStatus status(String value) {
		return (value != null) ? TaskStatus.of(value) : null;
	}

}
