package dev.pm.cli.plan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * SQL for the {@code task} and {@code task_dependency} tables. Every read is one
 * statement, whatever the number of tasks: dependencies come with each row, aggregated by
 * SQLite. Constraint violations surface as the starter translates them; the services turn
 * them into messages.
 */
@Component
public class TaskRepository {

	/**
	 * A task with its epic, and its links as {@code key status,key status} text, in key
	 * order.
	 */
	static final String SELECT_TASKS = """
			SELECT t.id, t.key, t.title, t.feature_key, f.epic_key, t.status, t.priority, t.agent_type,
			       t.assigned_agent, t.estimated_time, t.created, t.file_path, t.blocked_reason, t.started_at,
			       t.updated_at, t.description, t.lease_expires_at,
			       (SELECT string_agg(d.depends_on_key || ' ' || dt.status, ',' ORDER BY d.depends_on_key)
			        FROM task_dependency d JOIN task dt ON dt.key = d.depends_on_key
			        WHERE d.task_key = t.key) AS depends_on,
			       (SELECT string_agg(r.task_key || ' ' || rt.status, ',' ORDER BY r.task_key)
			        FROM task_dependency r JOIN task rt ON rt.key = r.task_key
			        WHERE r.depends_on_key = t.key) AS required_by
			FROM task t JOIN feature f ON f.key = t.feature_key""";

	/** A condition on task {@code t}: one of its dependencies is not done. */
	static final String WAITING_ON_A_DEPENDENCY = """
			EXISTS (SELECT 1 FROM task_dependency w JOIN task wt ON wt.key = w.depends_on_key
			        WHERE w.task_key = t.key AND wt.status NOT IN ('completed', 'archived'))""";

	private final JdbcClient jdbc;

	private final PlanDialect dialect;

	TaskRepository(JdbcClient jdbc, PlanDialect dialect) {
		this.jdbc = jdbc;
		this.dialect = dialect;
	}

	/**
	 * Inserts a task; a task with the same key is a {@code DuplicateKeyException}, a
	 * missing feature a {@code DataIntegrityViolationException}.
	 * @param task the new task
	 * @param created its creation time
	 * @return its id
	 */
	public long insert(NewTask task, String created) {
		return this.jdbc.sql("""
				INSERT INTO task (key, title, feature_key, status, priority, agent_type, assigned_agent, estimated_time,
				    created, updated_at)
				VALUES (?, ?, ?, 'todo', ?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(task.key(), task.title(), task.feature(), task.priority(), task.agentType(), task.agent(),
					task.estimate(), created, created)
			.query(Long.class)
			.single();
	}

	/**
	 * Inserts a task from a document, or updates every column a document sets of the task
	 * with the same key. Its dependencies are not touched.
	 * @param task the task; its dependency lists are ignored
	 * @param now the time of the import
	 * @return the task's id
	 */
	public long save(Task task, String now) {
		return this.jdbc.sql("""
				INSERT INTO task (key, title, feature_key, status, priority, agent_type, assigned_agent, estimated_time,
				    created, file_path, blocked_reason, updated_at, description)
				VALUES (:key, :title, :feature, :status, :priority, :agentType, :agent, :estimate, :created,
				    :filePath, :blockedReason, :now, :description)
				ON CONFLICT (key) DO UPDATE SET title = excluded.title, feature_key = excluded.feature_key,
				    status = excluded.status, priority = excluded.priority, agent_type = excluded.agent_type,
				    assigned_agent = excluded.assigned_agent, estimated_time = excluded.estimated_time,
				    created = excluded.created, file_path = excluded.file_path,
				    blocked_reason = excluded.blocked_reason, description = excluded.description,
				    updated_at = CASE WHEN task.status = excluded.status THEN task.updated_at
				        ELSE excluded.updated_at END
				RETURNING id""")
			.param("key", task.key())
			.param("title", task.title())
			.param("feature", task.feature())
			.param("status", task.status().toString())
			.param("priority", task.priority())
			.param("agentType", task.agentType())
			.param("agent", task.agent())
			.param("estimate", task.estimate())
			.param("created", task.created())
			.param("filePath", task.filePath())
			.param("blockedReason", task.blockedReason())
			.param("now", now)
			.param("description", task.description())
			.query(Long.class)
			.single();
	}

	/**
	 * Returns the id of a task.
	 * @param key its key
	 * @return the id, or empty if there is no such task
	 */
	public Optional<Long> idOf(String key) {
		return this.jdbc.sql("SELECT id FROM task WHERE key = ?").param(key).query(Long.class).optional();
	}

	/**
	 * Tells whether a task exists.
	 * @param key its key
	 * @return whether it exists
	 */
	public boolean exists(String key) {
		return idOf(key).isPresent();
	}

	/**
	 * Returns one task with its dependencies.
	 * @param key its key
	 * @return the task, or empty if there is none with this key
	 */
	public Optional<Task> find(String key) {
		return this.jdbc.sql(SELECT_TASKS + " WHERE t.key = ?").param(key).query(TaskRepository::task).optional();
	}

	/**
	 * Returns the tasks a filter selects, in its order.
	 * @param filter which tasks, in which order
	 * @return the tasks, with their dependencies
	 */
	public List<Task> findAll(TaskFilter filter) {
		return listQuery(filter).statement(this.jdbc).query(TaskRepository::task).list();
	}

	/**
	 * Returns the available task that comes first: status {@code todo}, every dependency
	 * done, highest priority, then oldest, then smallest key.
	 * @param filter which tasks to choose from
	 * @return the task, or empty if none is available
	 */
	public Optional<Task> next(WorkFilter filter) {
		return nextQuery(filter).statement(this.jdbc).query(TaskRepository::task).optional();
	}

	/**
	 * Returns the task that {@link #next(WorkFilter)} returns, unless it is assigned to
	 * another agent.
	 * @param filter which tasks to choose from
	 * @param agent the agent who claims
	 * @return the task, or empty if none is available
	 */
	public Optional<Task> nextFor(WorkFilter filter, String agent) {
		return claimQuery(filter, agent).statement(this.jdbc).query(TaskRepository::task).optional();
	}

	/**
	 * Returns the task that {@link #nextFor(WorkFilter, String)} returns, kept from
	 * concurrent claimers until the transaction ends (see {@link PlanDialect}).
	 * @param filter which tasks to choose from
	 * @param agent the agent who claims
	 * @return the task, or empty if none is available
	 */
	public Optional<Task> nextToClaim(WorkFilter filter, String agent) {
		Query next = claimQuery(filter, agent);
		return new Query(next.sql() + this.dialect.claimLock(), next.params()).statement(this.jdbc)
			.query(TaskRepository::task)
			.optional();
	}

	/**
	 * Returns the todo tasks that wait on a dependency, each with the dependencies it
	 * waits on.
	 * @param filter which tasks to look at
	 * @return for each waiting task's key, the dependencies not done, in key order
	 */
	public Map<String, List<TaskLink>> waiting(WorkFilter filter) {
		Map<String, List<TaskLink>> waiting = new LinkedHashMap<>();
		waitingQuery(filter).statement(this.jdbc).query((ResultSet rs) -> {
			waiting.computeIfAbsent(rs.getString(1), (key) -> new ArrayList<>())
				.add(new TaskLink(rs.getString(2), TaskStatus.of(rs.getString(3))));
		});
		return waiting;
	}

	static Query listQuery(TaskFilter filter) {
		Conditions where = new Conditions();
		if (!filter.statuses().isEmpty()) {
			where.add("t.status IN (:statuses)", "statuses",
					filter.statuses().stream().map(TaskStatus::toString).toList());
		}
		else if (!filter.all()) {
			where.add("t.status <> 'archived'");
		}
		where.addIfPresent("f.epic_key = :epic", "epic", filter.epic());
		where.addIfPresent("t.feature_key = :feature", "feature", filter.feature());
		where.addIfPresent("t.assigned_agent = :agent", "agent", filter.agent());
		where.addIfPresent("t.agent_type = :agentType", "agentType", filter.agentType());
		where.addIfPresent("t.priority <= :priorityMax", "priorityMax", filter.priorityMax());
		if (filter.blocked()) {
			where.add("(t.status = 'blocked' OR (t.status = 'todo' AND " + WAITING_ON_A_DEPENDENCY + "))");
		}
		return where.query(SELECT_TASKS, " ORDER BY " + filter.sort().orderBy());
	}

	static Query nextQuery(WorkFilter filter) {
		return todo(filter).query(SELECT_TASKS,
				" AND NOT " + WAITING_ON_A_DEPENDENCY + " ORDER BY t.priority, t.created, t.key LIMIT 1");
	}

	static Query claimQuery(WorkFilter filter, String agent) {
		Conditions where = todo(filter);
		where.add("(t.assigned_agent IS NULL OR t.assigned_agent = :claimer)", "claimer", agent);
		return where.query(SELECT_TASKS,
				" AND NOT " + WAITING_ON_A_DEPENDENCY + " ORDER BY t.priority, t.created, t.key LIMIT 1");
	}

	/**
	 * Returns the agent's own work that a reviewer reopened and that it has not claimed
	 * since: what {@code claim} gives it before anything new.
	 * @param filter which tasks to choose from
	 * @param agent the agent
	 * @return the task, or empty if there is none
	 */
	public Optional<Task> reopenedFor(WorkFilter filter, String agent) {
		Conditions where = filtered(filter);
		where.add("t.status = 'in_progress'");
		where.add("t.assigned_agent = :agent", "agent", agent);
		where.add("""
				(SELECT h.event FROM task_history h WHERE h.task_id = t.id ORDER BY h.id DESC LIMIT 1) = 'reopened'""");
		return where.query(SELECT_TASKS, " ORDER BY t.priority, t.created, t.key LIMIT 1")
			.statement(this.jdbc)
			.query(TaskRepository::task)
			.optional();
	}

	/**
	 * Returns the todo tasks, none waiting on a dependency, that are assigned to an agent
	 * other than the one given: what its claim leaves out.
	 * @param filter which tasks to look at
	 * @param agent the agent, or {@code null} for nobody
	 * @return for each such task's key, its agent, in key order
	 */
	public Map<String, String> assignedToOthers(WorkFilter filter, String agent) {
		Conditions where = todo(filter);
		where.add("t.assigned_agent IS NOT NULL");
		if (agent != null) {
			where.add("t.assigned_agent <> :other", "other", agent);
		}
		Map<String, String> assigned = new LinkedHashMap<>();
		where
			.query("SELECT t.key, t.assigned_agent FROM task t JOIN feature f ON f.key = t.feature_key",
					" AND NOT " + WAITING_ON_A_DEPENDENCY + " ORDER BY t.key")
			.statement(this.jdbc)
			.query((ResultSet rs) -> {
				assigned.put(rs.getString(1), rs.getString(2));
			});
		return assigned;
	}

	static Query waitingQuery(WorkFilter filter) {
		return todo(filter).query("""
				SELECT t.key, w.depends_on_key, wt.status
				FROM task t JOIN feature f ON f.key = t.feature_key
				JOIN task_dependency w ON w.task_key = t.key JOIN task wt ON wt.key = w.depends_on_key""",
				" AND wt.status NOT IN ('completed', 'archived') ORDER BY t.key, w.depends_on_key");
	}

	private static Conditions todo(WorkFilter filter) {
		Conditions where = filtered(filter);
		where.add("t.status = 'todo'");
		return where;
	}

	private static Conditions filtered(WorkFilter filter) {
		Conditions where = new Conditions();
		where.addIfPresent("t.agent_type = :agentType", "agentType", filter.agentType());
		where.addIfPresent("f.epic_key = :epic", "epic", filter.epic());
		where.addIfPresent("t.feature_key = :feature", "feature", filter.feature());
		return where;
	}

	/**
	 * Sets the status of a task, and what comes with it.
	 * @param key its key
	 * @param change the new status, agent and reason
	 * @return whether the task was in the expected status and changed
	 */
	public boolean updateStatus(String key, StatusChange change) {
		return this.jdbc.sql("""
				UPDATE task SET status = :to, updated_at = :at,
				    assigned_agent = coalesce(:agent, assigned_agent),
				    started_at = CASE WHEN :started THEN :at ELSE started_at END,
				    blocked_reason = :blockedReason,
				    -- A claim's lease lasts while the task is in progress.
				    lease_seconds = CASE WHEN :to = 'in_progress' THEN lease_seconds END,
				    lease_expires_at = CASE WHEN :to = 'in_progress' THEN lease_expires_at END
				WHERE key = :key AND status = :from""")
			.param("to", change.to().toString())
			.param("at", change.at())
			.param("agent", change.assignTo())
			.param("started", change.assignTo() != null)
			.param("blockedReason", change.blockedReason())
			.param("key", key)
			.param("from", change.from().toString())
			.update() == 1;
	}

	/**
	 * Sets what {@code pm task update} changes.
	 * @param key the task's key
	 * @param task the task with its new values
	 */
	public void updateFields(String key, Task task) {
		this.jdbc.sql("""
				UPDATE task SET title = :title, priority = :priority, agent_type = :agentType,
				    assigned_agent = :agent, estimated_time = :estimate, description = :description
				WHERE key = :key""")
			.param("title", task.title())
			.param("priority", task.priority())
			.param("agentType", task.agentType())
			.param("agent", task.agent())
			.param("estimate", task.estimate())
			.param("description", task.description())
			.param("key", key)
			.update();
	}

	/**
	 * Puts an in-progress task back to {@code todo}, unassigned, without its lease.
	 * @param key the task's key
	 * @param now the time now
	 * @return whether the task was in progress and was released
	 */
	public boolean release(String key, String now) {
		return this.jdbc.sql("""
				UPDATE task SET status = 'todo', assigned_agent = NULL, lease_seconds = NULL,
				    lease_expires_at = NULL, updated_at = ?
				WHERE key = ? AND status = 'in_progress'""").params(now, key).update() == 1;
	}

	/**
	 * Gives a task another key and feature; its dependencies follow
	 * ({@code ON UPDATE CASCADE}).
	 * @param key its key
	 * @param newKey its new key
	 * @param feature its new feature
	 */
	public void move(String key, String newKey, String feature) {
		this.jdbc.sql("UPDATE task SET key = ?, feature_key = ? WHERE key = ?").params(newKey, feature, key).update();
	}

	/**
	 * Deletes a task and its own dependencies; a task others depend on is refused by the
	 * foreign key with a {@code DataIntegrityViolationException}.
	 * @param key its key
	 */
	public void delete(String key) {
		this.jdbc.sql("DELETE FROM task WHERE key = ?").param(key).update();
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
	 * Returns the whole dependency graph.
	 * @return for each task with dependencies, the keys it depends on
	 */
	public Map<String, List<String>> dependencyGraph() {
		Map<String, List<String>> edges = new LinkedHashMap<>();
		this.jdbc.sql("SELECT task_key, depends_on_key FROM task_dependency ORDER BY 1, 2").query((ResultSet rs) -> {
			edges.computeIfAbsent(rs.getString(1), (k) -> new ArrayList<>()).add(rs.getString(2));
		});
		return edges;
	}

	private static Task task(ResultSet rs, int row) throws SQLException {
		return new Task(rs.getString("key"), rs.getString("title"), rs.getString("feature_key"),
				rs.getString("epic_key"), TaskStatus.of(rs.getString("status")), rs.getInt("priority"),
				rs.getString("agent_type"), rs.getString("assigned_agent"), rs.getString("estimated_time"),
				rs.getString("created"), rs.getString("file_path"), rs.getString("blocked_reason"),
				rs.getString("started_at"), rs.getString("updated_at"), links(rs.getString("depends_on")),
				links(rs.getString("required_by")), rs.getString("description"), rs.getString("lease_expires_at"));
	}

	/**
	 * {@code T-E01-F01-001 completed,T-E01-F01-002 todo}: keys and statuses hold no
	 * spaces or commas.
	 */
	private static List<TaskLink> links(String text) {
		if (text == null) {
			return List.of();
		}
		return Arrays.stream(text.split(",")).map((link) -> {
			int space = link.indexOf(' ');
			return new TaskLink(link.substring(0, space), TaskStatus.of(link.substring(space + 1)));
		}).toList();
	}

	/**
	 * A {@code WHERE} clause built from the filters given, so that SQLite plans each
	 * query for the conditions it has (an {@code :x IS NULL OR ...} condition would hide
	 * the indexes).
	 */
	private static final class Conditions {

		private final List<String> conditions = new ArrayList<>();

		private final Map<String, Object> params = new LinkedHashMap<>();

		void add(String condition) {
			this.conditions.add(condition);
		}

		void add(String condition, String name, Object value) {
			this.conditions.add(condition);
			this.params.put(name, value);
		}

		void addIfPresent(String condition, String name, Object value) {
			if (value != null) {
				add(condition, name, value);
			}
		}

		Query query(String select, String tail) {
			String where = this.conditions.isEmpty() ? " WHERE 1 = 1"
					: " WHERE " + String.join(" AND ", this.conditions);
			return new Query(select + where + tail, this.params);
		}

	}

	/**
	 * A statement and its named parameters; tests ask SQLite how it plans them.
	 *
	 * @param sql the statement
	 * @param params its parameters by name
	 */
	record Query(String sql, Map<String, Object> params) {

		JdbcClient.StatementSpec statement(JdbcClient jdbc) {
			return jdbc.sql(this.sql).params(this.params);
		}

	}

}
