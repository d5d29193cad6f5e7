package dev.pm.cli.plan;

import java.time.Duration;
import java.util.List;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds, lists, finds and moves tasks through their lifecycle, under the plan's rules.
 * Every change writes its history row in the same transaction.
 */
@Service
public class TaskService {

	private final TaskRepository tasks;

	private final HistoryRepository history;

	private final TaskRules rules;

	private final Timestamps timestamps;

	private final ClaimLeases leases;

	private final KnownFilters filters;

	TaskService(TaskRepository tasks, HistoryRepository history, TaskRules rules, Timestamps timestamps,
			ClaimLeases leases, KnownFilters filters) {
		this.tasks = tasks;
		this.history = history;
		this.rules = rules;
		this.timestamps = timestamps;
		this.leases = leases;
		this.filters = filters;
	}

	/**
	 * Adds a task in status {@code todo}.
	 * @param task what the user gave
	 * @param actor who adds it
	 * @throws PlanException if a key is malformed, the key is taken, the feature or a
	 * dependency does not exist, the title is blank or the priority out of range
	 */
	@Transactional
	public void add(NewTask task, String actor) {
		String feature = KeyFormat.TASK.parentOf(task.key());
		if (!feature.equals(task.feature())) {
			throw new PlanException(
					"task " + task.key() + " belongs to feature " + feature + ", not " + task.feature());
		}
		Priorities.require(task.priority());
		String now = this.timestamps.now();
		try {
			this.tasks.insert(new NewTask(task.key(), Titles.require(task.title(), "task " + task.key()), feature,
					task.dependsOn(), task.agent(), task.estimate(), task.priority(), task.agentType()), now);
		}
		catch (DuplicateKeyException ex) {
			throw new PlanException("task " + task.key() + " already exists");
		}
		catch (DataIntegrityViolationException ex) {
			throw new PlanException("feature " + feature + " does not exist; add it first with 'pm feature add'");
		}
		// No cycle check: nothing depends on a new task yet, so its dependencies cannot
		// close a cycle.
		this.rules.replaceDependencies(task.key(), task.dependsOn());
		this.history.append(task.key(), new HistoryEntry(now, task.key(), "created", null, TaskStatus.TODO, actor,
				(task.agent() != null) ? "assigned to " + task.agent() : null));
	}

	/**
	 * Returns the tasks a filter selects.
	 * @param filter which tasks, in which order
	 * @return the tasks
	 * @throws PlanException if the filter names an epic or feature that does not exist
	 */
	@Transactional(readOnly = true)
	public List<Task> list(TaskFilter filter) {
		this.filters.require(new WorkFilter(null, filter.epic(), filter.feature()));
		return this.tasks.findAll(filter);
	}

	/**
	 * Returns one task.
	 * @param key its key
	 * @return the task
	 * @throws PlanException if it does not exist
	 */
	@Transactional(readOnly = true)
	public Task show(String key) {
		return find(key);
	}

	/**
	 * Returns one task with its latest history.
	 * @param key its key
	 * @param historyEntries how many of the latest history entries
	 * @return the task
	 * @throws PlanException if it does not exist
	 */
	@Transactional(readOnly = true)
	public TaskDetails details(String key, int historyEntries) {
		return new TaskDetails(find(key), this.history.forTask(key, historyEntries));
	}

	/**
	 * Returns the history of a task, oldest first.
	 * @param key its key
	 * @param limit at most this many entries, the latest
	 * @return the entries
	 * @throws PlanException if the task does not exist
	 */
	@Transactional(readOnly = true)
	public List<HistoryEntry> history(String key, int limit) {
		find(key);
		return this.history.forTask(key, limit);
	}

	/**
	 * Moves a task through its lifecycle.
	 * @param transition the move
	 * @param key the task's key
	 * @param actor who moves it; {@code start} assigns the task to them
	 * @param notes what they say; the reason of {@code block}
	 * @return the task as it is now
	 * @throws PlanException if the task does not exist, is not in a status it may leave
	 * this way, or the move would break the dependency rule
	 */
	@Transactional
	public Task change(Transition transition, String key, String actor, String notes) {
		return change(transition, find(key), actor, notes);
	}

	private Task change(Transition transition, Task task, String actor, String notes) {
		String key = task.key();
		if (!transition.allowsFrom(task.status())) {
			throw new PlanException("cannot " + transition.verb() + " " + key + ": it is " + task.status());
		}
		if ((transition == Transition.BLOCK || transition == Transition.REOPEN) && (notes == null || notes.isBlank())) {
			throw new PlanException("cannot " + transition.verb() + " " + key + " without saying why");
		}
		if (transition.to().isDone()) {
			this.rules.requireDependenciesDone(task);
		}
		if (transition == Transition.START) {
			// As claim: work started before its dependencies could never be approved.
			this.rules.requireDependenciesDoneToStart(task);
		}
		if (task.status().isDone() && !transition.to().isDone()) {
			this.rules.requireNoDoneDependents(task, transition.verb() + " " + key);
		}
		// Rework after a review stays with the agent who did the work: only starting
		// assigns.
		String assignTo = (transition == Transition.START || transition == Transition.CLAIM) ? actor : null;
		String blockedReason = (transition == Transition.BLOCK) ? notes : null;
		String now = this.timestamps.now();
		// The status is the one read, in this transaction; the condition makes any
		// surprise loud.
		if (!this.tasks.updateStatus(key,
				new StatusChange(task.status(), transition.to(), now, assignTo, blockedReason))) {
			throw new PlanException("task " + key + " changed while it was being moved; try again");
		}
		this.history.append(key,
				new HistoryEntry(now, key, transition.event(), task.status(), transition.to(), actor, notes));
		return find(key);
	}

	/**
	 * Same as {@link #next(WorkFilter, String)} for no agent: tasks assigned to an agent
	 * are left out.
	 * @param filter which tasks to choose from
	 * @return the task, or why there is none
	 * @throws PlanException if the filter names an epic or feature that does not exist
	 */
	@Transactional
	public Availability next(WorkFilter filter) {
		return next(filter, null);
	}

	/**
	 * Returns the task an agent should take next, without taking it. Claims whose lease
	 * ran out are expired first, so their tasks are available again.
	 * <p>
	 * The task is the one {@link #claim(WorkFilter, String, Duration)} would give the
	 * agent: its own reopened work first, never a task assigned to another agent.
	 * @param filter which tasks to choose from
	 * @param actor the agent, or {@code null} for anybody: then tasks assigned to an
	 * agent are left out
	 * @return the task, or why there is none
	 * @throws PlanException if the filter names an epic or feature that does not exist
	 */
	@Transactional
	public Availability next(WorkFilter filter, String actor) {
		this.filters.require(filter);
		this.leases.expire(this.timestamps.now());
		return this.tasks.reopenedFor(filter, actor)
			.or(() -> this.tasks.nextFor(filter, actor))
			.map(Availability::of)
			.orElseGet(() -> Availability.none(this.tasks.waiting(filter), this.tasks.assignedToOthers(filter, actor)));
	}

	/**
	 * Finds the next task and starts it for an agent, in one transaction: on SQLite
	 * read-write transactions begin {@code IMMEDIATE}, so concurrent claims queue for the
	 * write lock and each sees the claims before it; on PostgreSQL the task's row is
	 * locked and concurrent claimers skip it ({@link PlanDialect}). No two agents receive
	 * the same task.
	 * <p>
	 * The agent's own work that a reviewer reopened comes first; a task assigned to
	 * another agent is never claimed; claims whose lease ran out are expired first.
	 * @param filter which tasks to choose from
	 * @param actor the agent
	 * @param lease how long the claim lasts without a renewal, or {@code null} for no
	 * expiry
	 * @return the task as started, or why there is none
	 * @throws PlanException if the filter names an epic or feature that does not exist
	 */
	@Transactional
	public Availability claim(WorkFilter filter, String actor, Duration lease) {
		this.filters.require(filter);
		String now = this.timestamps.now();
		this.leases.expire(now);
		Task claimed = this.tasks.reopenedFor(filter, actor)
			.map((task) -> reclaim(task, actor))
			.or(() -> this.tasks.nextToClaim(filter, actor).map((task) -> change(Transition.CLAIM, task, actor, null)))
			.orElse(null);
		if (claimed == null) {
			return Availability.none(this.tasks.waiting(filter), this.tasks.assignedToOthers(filter, actor));
		}
		if (lease != null) {
			this.leases.grant(claimed.key(), lease, now);
		}
		return Availability.of(find(claimed.key()));
	}

	/**
	 * Same as {@link #claim(WorkFilter, String, Duration)} without a lease.
	 * @param filter which tasks to choose from
	 * @param actor the agent
	 * @return the task as started, or why there is none
	 */
	@Transactional
	public Availability claim(WorkFilter filter, String actor) {
		return claim(filter, actor, null);
	}

	/** The agent takes up its reopened work: recorded, so the next claim moves on. */
	private Task reclaim(Task task, String actor) {
		this.history.append(task.key(), new HistoryEntry(this.timestamps.now(), task.key(), Transition.CLAIM.event(),
				task.status(), task.status(), actor, "reopened work"));
		return task;
	}

	/**
	 * Deletes a task and its own dependencies; its history stays.
	 * @param key its key
	 * @param actor who deletes it
	 * @throws PlanException if it does not exist or other tasks depend on it
	 */
	@Transactional
	public void delete(String key, String actor) {
		Task task = find(key);
		List<String> dependents = task.requiredBy().stream().map(TaskLink::key).toList();
		if (!dependents.isEmpty()) {
			throw new PlanException("cannot delete " + key + ": " + String.join(", ", dependents)
					+ ((dependents.size() == 1) ? " depends" : " depend") + " on it");
		}
		this.history.append(key,
				new HistoryEntry(this.timestamps.now(), key, "deleted", task.status(), null, actor, null));
		this.tasks.delete(key);
	}

	/**
	 * Moves a task to another feature, which gives it another key: {@code T-E01-F01-003}
	 * moved to {@code E02-F04} becomes {@code T-E02-F04-003} unless a key is given. Its
	 * dependencies and history follow it.
	 * @param key its key
	 * @param feature the feature to move it to
	 * @param newKey its new key, or {@code null} for the same number in the new feature
	 * @param actor who moves it
	 * @return the task as it is now
	 * @throws PlanException if it does not exist, the feature does not exist, or the new
	 * key is taken
	 */
	@Transactional
	public Task move(String key, String feature, String newKey, String actor) {
		Task task = find(key);
		String target = (newKey != null) ? newKey : KeyFormat.TASK.withParent(key, feature);
		if (!KeyFormat.TASK.parentOf(target).equals(feature)) {
			throw new PlanException(
					"task " + target + " belongs to feature " + KeyFormat.TASK.parentOf(target) + ", not " + feature);
		}
		try {
			this.tasks.move(key, target, feature);
		}
		catch (DuplicateKeyException ex) {
			throw new PlanException("cannot move " + key + " to " + target + ": task " + target + " already exists");
		}
		catch (DataIntegrityViolationException ex) {
			throw new PlanException("feature " + feature + " does not exist; add it first with 'pm feature add'");
		}
		this.history.append(target, new HistoryEntry(this.timestamps.now(), target, "moved", task.status(),
				task.status(), actor, "from " + key));
		return find(target);
	}

	private Task find(String key) {
		return this.tasks.find(key).orElseThrow(() -> new PlanException("task " + key + " does not exist"));
	}

}
