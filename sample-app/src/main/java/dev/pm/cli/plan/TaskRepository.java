package dev.pm.cli.plan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * SQL for the {@code task} and {@code task_dependency} tables. Constraint violations surface as
 * the starter translates them; the services turn them into messages.
 */
@Component
public class TaskRepository {

	private static final String SELECT_TASKS = """
			SELECT key, title, feature_key, status, assigned_agent, estimated_time, created, file_path
			FROM task""";

	private final JdbcClient jdbc;

	TaskRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts a task, or updates every column of the task with the same key. Its dependencies are
	 * not touched.
	 * @param task the task; its dependency lists are ignored
	 */
	public void save(Task task) {
		this.jdbc.sql("""
				INSERT INTO task (key, title, feature_key, status, assigned_agent, estimated_time, created, file_path)
				VALUES (:key, :title, :feature, :status, :agent, :estimate, :created, :filePath)
				ON CONFLICT (key) DO UPDATE SET title = excluded.title, feature_key = excluded.feature_key,
				    status = excluded.status, assigned_agent = excluded.assigned_agent,
				    estimated_time = excluded.estimated_time, created = excluded.created,
				    file_path = excluded.file_path""")
			.param("key", task.key())
			.param("title", task.title())
			.param("feature", task.feature())
			.param("status", task.status().toString())
			.param("agent", task.agent())
			.param("estimate", task.estimate())
			.param("created", task.created())
			.param("filePath", task.filePath())
			.update();
	}

	/**
	 * Inserts a task; a task with the same key is a {@code DuplicateKeyException}.
	 * @param task the task; its dependency lists are ignored
	 */
	public void insert(Task task) {
		this.jdbc.sql("""
				INSERT INTO task (key, title, feature_key, status, assigned_agent, estimated_time, created, file_path)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(task.key(), task.title(), task.feature(), task.status().toString(), task.agent(), task.estimate(),
					task.created(), task.filePath())
			.update();
	}

	/**
	 * Tells whether a task exists.
	 * @param key its key
	 * @return whether it exists
	 */
	public boolean exists(String key) {
		return this.jdbc.sql("SELECT count(*) FROM task WHERE key = ?").param(key).query(Integer.class).single() > 0;
	}

	/**
	 * Returns one task with its dependencies.
	 * @param key its key
	 * @return the task, or empty if there is none with this key
	 */
	public Optional<Task> find(String key) {
		Map<String, List<String>> dependsOn = edges("task_key = ?", key, false);
		Map<String, List<String>> requiredBy = edges("depends_on_key = ?", key, true);
		return this.jdbc.sql(SELECT_TASKS + " WHERE key = ?")
			.param(key)
			.query((rs, row) -> task(rs, dependsOn, requiredBy))
			.optional();
	}

	/**
	 * Returns tasks ordered by key, optionally only those with one status or of one feature.
	 * @param status a status, or {@code null} for all
	 * @param feature a feature's key, or {@code null} for all
	 * @return the tasks, with their dependencies
	 */
	public List<Task> findAll(TaskStatus status, String feature) {
		Map<String, List<String>> dependsOn = edges("1 = 1", null, false);
		Map<String, List<String>> requiredBy = edges("1 = 1", null, true);
		return this.jdbc.sql(SELECT_TASKS + """
				 WHERE (:status IS NULL OR status = :status) AND (:feature IS NULL OR feature_key = :feature)
				ORDER BY key""")
			.param("status", (status != null) ? status.toString() : null)
			.param("feature", feature)
			.query((rs, row) -> task(rs, dependsOn, requiredBy))
			.list();
	}

	/**
	 * Sets the status of a task.
	 * @param key its key
	 * @param status the new status
	 */
	public void updateStatus(String key, TaskStatus status) {
		this.jdbc.sql("UPDATE task SET status = ? WHERE key = ?").params(status.toString(), key).update();
	}

	/**
	 * Removes every dependency of a task.
	 * @param key the task's key
	 */
	public void deleteDependencies(String key) {
		this.jdbc.sql("DELETE FROM task_dependency WHERE task_key = ?").param(key).update();
	}

	/**
	 * Records that a task depends on another; a missing task is a
	 * {@code DataIntegrityViolationException} from the foreign key.
	 * @param key the task's key
	 * @param dependsOn the key of the task it depends on
	 */
	public void addDependency(String key, String dependsOn) {
		this.jdbc.sql("INSERT INTO task_dependency (task_key, depends_on_key) VALUES (?, ?) ON CONFLICT DO NOTHING")
			.params(key, dependsOn)
			.update();
	}

	/**
	 * Returns the dependencies of a task that are not completed.
	 * @param key the task's key
	 * @return their keys, ordered
	 */
	public List<String> unfinishedDependencies(String key) {
		return this.jdbc.sql("""
				SELECT d.depends_on_key FROM task_dependency d JOIN task t ON t.key = d.depends_on_key
				WHERE d.task_key = ? AND t.status <> 'completed' ORDER BY d.depends_on_key""")
			.param(key)
			.query(String.class)
			.list();
	}

	/**
	 * Returns the whole dependency graph.
	 * @return for each task with dependencies, the keys it depends on
	 */
	public Map<String, List<String>> dependencyGraph() {
		return edges("1 = 1", null, false);
	}

	private Map<String, List<String>> edges(String condition, String key, boolean reversed) {
		String from = reversed ? "depends_on_key" : "task_key";
		String to = reversed ? "task_key" : "depends_on_key";
		JdbcClient.StatementSpec statement = this.jdbc
			.sql("SELECT " + from + ", " + to + " FROM task_dependency WHERE " + condition + " ORDER BY 1, 2");
		if (key != null) {
			statement = statement.param(key);
		}
		Map<String, List<String>> edges = new LinkedHashMap<>();
		statement.query((ResultSet rs) -> {
			edges.computeIfAbsent(rs.getString(1), (k) -> new ArrayList<>()).add(rs.getString(2));
		});
		return edges;
	}

	private static Task task(ResultSet rs, Map<String, List<String>> dependsOn, Map<String, List<String>> requiredBy)
			throws SQLException {
		String key = rs.getString("key");
		return new Task(key, rs.getString("title"), rs.getString("feature_key"), TaskStatus.of(rs.getString("status")),
				rs.getString("assigned_agent"), rs.getString("estimated_time"), rs.getString("created"),
				rs.getString("file_path"), dependsOn.getOrDefault(key, List.of()),
				requiredBy.getOrDefault(key, List.of()));
	}

}
