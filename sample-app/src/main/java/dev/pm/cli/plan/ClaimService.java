package dev.pm.cli.plan;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps claims alive and gives them up: {@code pm task heartbeat} and
 * {@code pm task release}.
 */
@Service
public class ClaimService {

	private final TaskRepository tasks;

	private final HistoryRepository history;

	private final ClaimLeases leases;

	private final Timestamps timestamps;

	ClaimService(TaskRepository tasks, HistoryRepository history, ClaimLeases leases, Timestamps timestamps) {
		this.tasks = tasks;
		this.history = history;
		this.leases = leases;
		this.timestamps = timestamps;
	}

	/**
	 * Renews the lease of an agent's claim. A claim without a lease needs no renewal and
	 * is left as it is.
	 * @param key the task's key
	 * @param agent the agent who holds the claim
	 * @return the task as it is now
	 * @throws PlanException if the task does not exist or the agent does not hold it (its
	 * claim expired, or it was never theirs)
	 */
	@Transactional
	public Task heartbeat(String key, String agent) {
		String now = this.timestamps.now();
		this.leases.expire(now);
		Task task = find(key);
		if (task.status() != TaskStatus.IN_PROGRESS || !agent.equals(task.agent())) {
			throw new PlanException("task " + key + " is not claimed by " + agent + ": it is " + task.status()
					+ ((task.agent() != null) ? ", assigned to " + task.agent() : ", assigned to nobody"));
		}
		this.leases.renew(key, agent, now);
		return find(key);
	}

	/**
	 * Gives up the claim of a task in progress: back to {@code todo}, assigned to nobody,
	 * for the next claim.
	 * @param key the task's key
	 * @param actor who releases it
	 * @return the task as it is now
	 * @throws PlanException if the task does not exist or is not in progress
	 */
	@Transactional
	public Task release(String key, String actor) {
		Task task = find(key);
		String now = this.timestamps.now();
		if (!this.tasks.release(key, now)) {
			throw new PlanException("cannot release " + key + ": it is " + task.status());
		}
		this.history.append(key, new HistoryEntry(now, key, "released", TaskStatus.IN_PROGRESS, TaskStatus.TODO, actor,
				(task.agent() != null) ? "claim of " + task.agent() : null));
		return find(key);
	}

	private Task find(String key) {
		return this.tasks.find(key).orElseThrow(() -> new PlanException("task " + key + " does not exist"));
	}

}
