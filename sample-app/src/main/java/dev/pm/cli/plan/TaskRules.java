package dev.pm.cli.plan;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * The rules every change of tasks obeys, shared by the commands that add, import and move
 * tasks through their lifecycle. Each runs inside the caller's transaction, so a refusal
 * rolls back the whole change.
 * <p>
 * The dependency rule holds in both directions: a task is done (completed or archived)
 * only while every dependency is done, so a task is neither completed before its
 * dependencies nor its dependency taken back while it is completed.
 */
@Component
public class TaskRules {

	private final TaskRepository tasks;

	TaskRules(TaskRepository tasks) {
		this.tasks = tasks;
	}

	/**
	 * Records the dependencies of a task, replacing those it had.
	 * @param key the task's key
	 * @param dependsOn the keys it depends on, which must exist
	 * @throws PlanException naming both keys if a dependency does not exist
	 */
	public void replaceDependencies(String key, Collection<String> dependsOn) {
		this.tasks.deleteDependencies(key);
		for (String dependency : dependsOn) {
			KeyFormat.TASK.require(dependency);
			if (dependency.equals(key)) {
				throw new PlanException("task " + key + " cannot depend on itself");
			}
			try {
				this.tasks.addDependency(key, dependency);
			}
			catch (DataIntegrityViolationException ex) {
				// The foreign key is the authority on existence; its error is translated
				// here.
				throw new PlanException("task " + key + " depends on " + dependency + ", which does not exist");
			}
		}
	}

	/**
	 * Refuses a dependency cycle through any of the given tasks.
	 * @param changed keys of the tasks whose dependencies changed
	 * @throws PlanException showing the cycle
	 */
	public void requireNoCycle(Collection<String> changed) {
		cycleThrough(changed).ifPresent((cycle) -> {
			throw new PlanException("dependency cycle refused: " + String.join(" -> ", cycle));
		});
	}

	/**
	 * Returns a dependency cycle through any of the given tasks.
	 * @param changed keys of the tasks whose dependencies changed
	 * @return the cycle, starting and ending with a key of {@code changed}, or empty
	 */
	public Optional<List<String>> cycleThrough(Collection<String> changed) {
		return new DependencyCycles(this.tasks.dependencyGraph()).findFrom(changed);
	}

	/**
	 * Refuses to let a task be done while a dependency is not.
	 * @param task the task as it is in the database
	 * @throws PlanException naming the dependencies that are not completed
	 */
	public void requireDependenciesDone(Task task) {
		List<String> unfinished = task.unfinishedDependencies();
		if (!unfinished.isEmpty()) {
			throw new PlanException("task " + task.key() + " cannot be completed: it depends on "
					+ String.join(", ", unfinished) + ", not completed yet");
		}
	}

	/**
	 * Refuses to start a task while a dependency is not done, as {@code claim} does.
	 * @param task the task as it is in the database
	 * @throws PlanException naming the dependencies that are not completed
	 */
	public void requireDependenciesDoneToStart(Task task) {
		List<String> unfinished = task.unfinishedDependencies();
		if (!unfinished.isEmpty()) {
			throw new PlanException("cannot start " + task.key() + ": it depends on " + String.join(", ", unfinished)
					+ ", not completed yet");
		}
	}

	/**
	 * Refuses to take a task back from done while a task that depends on it is done.
	 * @param task the task as it is in the database
	 * @param action what the user asked, as in {@code cannot reopen T-E01-F01-001}
	 * @throws PlanException naming the dependents that are done
	 */
	public void requireNoDoneDependents(Task task, String action) {
		List<String> done = task.requiredBy()
			.stream()
			.filter((link) -> link.status().isDone())
			.map((link) -> link.key() + " (" + link.status() + ")")
			.toList();
		if (!done.isEmpty()) {
			throw new PlanException(
					"cannot " + action + ": " + String.join(", ", done) + " depend" + ((done.size() == 1) ? "s" : "")
							+ " on it; reopen " + ((done.size() == 1) ? "it" : "them") + " first");
		}
	}

}
