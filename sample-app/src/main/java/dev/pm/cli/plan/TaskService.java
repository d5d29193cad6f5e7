package dev.pm.cli.plan;

import java.time.LocalDate;
import java.util.List;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds, lists and moves tasks through their statuses, under the plan's rules.
 */
@Service
public class TaskService {

	private final TaskRepository tasks;

	private final TaskRules rules;

	TaskService(TaskRepository tasks, TaskRules rules) {
		this.tasks = tasks;
		this.rules = rules;
	}

	/**
	 * Adds a task in status {@code todo}.
	 * @param task what the user gave
	 * @throws PlanException if a key is malformed, the key is taken, the feature or a dependency
	 * does not exist, or the title is blank
	 */
	@Transactional
	public void add(NewTask task) {
		String feature = KeyFormat.TASK.parentOf(task.key());
		if (!feature.equals(task.feature())) {
			throw new PlanException("task " + task.key() + " belongs to feature " + feature + ", not " + task.feature());
		}
		try {
			this.tasks.insert(new Task(task.key(), Titles.require(task.title(), "task " + task.key()), feature,
					TaskStatus.TODO, task.agent(), task.estimate(), LocalDate.now().toString(), null, List.of(),
					List.of()));
		}
		catch (DuplicateKeyException ex) {
			throw new PlanException("task " + task.key() + " already exists");
		}
		catch (DataIntegrityViolationException ex) {
			throw new PlanException("feature " + feature + " does not exist; add it first with 'pm feature add'");
		}
		// No cycle check: nothing depends on a new task yet, so its dependencies cannot close a cycle.
		this.rules.replaceDependencies(task.key(), task.dependsOn());
	}

	/**
	 * Returns tasks, optionally only those with one status or of one feature.
	 * @param status a status, or {@code null} for all
	 * @param feature a feature's key, or {@code null} for all
	 * @return the tasks, ordered by key
	 */
	@Transactional(readOnly = true)
	public List<Task> list(TaskStatus status, String feature) {
		return this.tasks.findAll(status, feature);
	}

	/**
	 * Returns one task.
	 * @param key its key
	 * @return the task
	 * @throws PlanException if it does not exist
	 */
	@Transactional(readOnly = true)
	public Task show(String key) {
		return this.tasks.find(key).orElseThrow(() -> notFound(key));
	}

	/**
	 * Moves a task to {@code in_progress}.
	 * @param key its key
	 * @return the task as it is now
	 * @throws PlanException if it does not exist
	 */
	@Transactional
	public Task start(String key) {
		return moveTo(key, TaskStatus.IN_PROGRESS);
	}

	/**
	 * Moves a task to {@code blocked}.
	 * @param key its key
	 * @return the task as it is now
	 * @throws PlanException if it does not exist
	 */
	@Transactional
	public Task block(String key) {
		return moveTo(key, TaskStatus.BLOCKED);
	}

	/**
	 * Moves a task to {@code completed}, once every dependency is completed.
	 * @param key its key
	 * @return the task as it is now
	 * @throws PlanException if it does not exist or a dependency is not completed
	 */
	@Transactional
	public Task complete(String key) {
		return moveTo(key, TaskStatus.COMPLETED);
	}

	private Task moveTo(String key, TaskStatus status) {
		show(key);
		if (status == TaskStatus.COMPLETED) {
			this.rules.requireDependenciesCompleted(key);
		}
		this.tasks.updateStatus(key, status);
		return show(key);
	}

	private static PlanException notFound(String key) {
		return new PlanException("task " + key + " does not exist");
	}

}
