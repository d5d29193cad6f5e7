package dev.pm.cli.plan;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Edits a task: its title, priority, agent type, assignee, estimate, description and
 * dependencies, under the rules that adding it obeys, with a history row that says what
 * changed, in the same transaction. An edit by the agent that holds the task's claim
 * renews its lease.
 */
@Service
public class TaskUpdateService {

	private final TaskRepository tasks;

	private final HistoryRepository history;

	private final TaskRules rules;

	private final ClaimLeases leases;

	private final Timestamps timestamps;

	TaskUpdateService(TaskRepository tasks, HistoryRepository history, TaskRules rules, ClaimLeases leases,
			Timestamps timestamps) {
		this.tasks = tasks;
		this.history = history;
		this.rules = rules;
		this.leases = leases;
		this.timestamps = timestamps;
	}

	/**
	 * Changes a task.
	 * @param key its key
	 * @param update what to change
	 * @param actor who changes it
	 * @return the task as it is now
	 * @throws PlanException if the task or a dependency does not exist, nothing is to
	 * change, the title is blank, the priority out of range, a dependency to remove is
	 * not one, or the dependencies would form a cycle or break the dependency rule
	 */
	@Transactional
	public Task update(String key, TaskUpdate update, String actor) {
		Task task = this.tasks.find(key).orElseThrow(() -> new PlanException("task " + key + " does not exist"));
		if (update.isEmpty()) {
			throw new PlanException("nothing to update for " + key + "; see 'pm task update --help'");
		}
		if (update.priority() != null) {
			Priorities.require(update.priority());
		}
		Task changed = new Task(key,
				(update.title() != null) ? Titles.require(update.title(), "task " + key) : task.title(), task.feature(),
				task.epic(), task.status(), (update.priority() != null) ? update.priority() : task.priority(),
				OptionalText.updated(task.agentType(), update.agentType()),
				OptionalText.updated(task.agent(), update.agent()),
				OptionalText.updated(task.estimate(), update.estimate()), task.created(), task.filePath(),
				task.blockedReason(), task.startedAt(), task.updatedAt(), task.dependsOn(), task.requiredBy(),
				OptionalText.updated(task.description(), update.description()), task.leaseExpiresAt());
		ChangeNotes changes = new ChangeNotes();
		changes.compare("title", task.title(), changed.title());
		changes.compare("priority", task.priority(), changed.priority());
		changes.compare("agent type", task.agentType(), changed.agentType());
		changes.compare("agent", task.agent(), changed.agent());
		changes.compare("estimate", task.estimate(), changed.estimate());
		changes.compareDescription(task.description(), changed.description());
		String now = this.timestamps.now();
		this.tasks.updateFields(key, changed);
		changeDependencies(task, update, changes);
		if (changes.isEmpty()) {
			throw new PlanException("nothing changed: " + key + " already is as given");
		}
		this.history.append(key,
				new HistoryEntry(now, key, "updated", task.status(), task.status(), actor, changes.toString()));
		this.leases.renew(key, actor, now);
		return this.tasks.find(key).orElseThrow();
	}

	private void changeDependencies(Task task, TaskUpdate update, ChangeNotes changes) {
		Set<String> before = new LinkedHashSet<>(task.dependsOn().stream().map(TaskLink::key).toList());
		Set<String> after = new LinkedHashSet<>(before);
		for (String removed : update.removeDependencies()) {
			if (!after.remove(removed)) {
				throw new PlanException("task " + task.key() + " does not depend on " + removed);
			}
		}
		after.addAll(update.addDependencies());
		if (after.equals(before)) {
			return;
		}
		this.rules.replaceDependencies(task.key(), after);
		this.rules.requireNoCycle(List.of(task.key()));
		Task now = this.tasks.find(task.key()).orElseThrow();
		if (now.status().isDone()) {
			this.rules.requireDependenciesDone(now);
		}
		List<String> added = after.stream().filter((key) -> !before.contains(key)).toList();
		List<String> removed = before.stream().filter((key) -> !after.contains(key)).toList();
		if (!added.isEmpty()) {
			changes.add("depends on " + String.join(", ", added));
		}
		if (!removed.isEmpty()) {
			changes.add("no longer depends on " + String.join(", ", removed));
		}
	}

}
