package dev.pm.cli.plan;

import java.util.Collection;
import java.util.List;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * The rules every change of tasks obeys, shared by the commands that add, import and complete
 * tasks. Each runs inside the caller's transaction, so a refusal rolls back the whole change.
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
				// The foreign key is the authority on existence; its error is translated here.
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
		new DependencyCycles(this.tasks.dependencyGraph()).findFrom(changed).ifPresent((cycle) -> {
			throw new PlanException("dependency cycle refused: " + String.join(" -> ", cycle));
		});
	}

	/**
	 * Refuses a completed task with a dependency that is not completed.
	 * @param key the task's key
	 * @throws PlanException naming the dependencies that are not completed
	 */
	public void requireDependenciesCompleted(String key) {
		List<String> unfinished = this.tasks.unfinishedDependencies(key);
		if (!unfinished.isEmpty()) {
			throw new PlanException("task " + key + " cannot be completed: it depends on " + String.join(", ", unfinished)
					+ ", not completed yet");
		}
	}

}
