package dev.pm.cli.plan;

import java.util.Set;

/**
 * Which tasks {@code pm task list} shows, and in what order. {@code null} means "any".
 *
 * @param statuses only these statuses; empty for every status but archived (all with
 * {@code all})
 * @param epic only the tasks of this epic
 * @param feature only the tasks of this feature
 * @param agent only the tasks assigned to this agent
 * @param agentType only the tasks for this agent type
 * @param priorityMax only the tasks of this priority or higher (a number this small or
 * smaller)
 * @param blocked only the tasks that cannot go ahead: blocked, or todo and waiting on a
 * dependency that is not completed
 * @param all archived tasks too
 * @param sort the order
 */
public record TaskFilter(Set<TaskStatus> statuses, String epic, String feature, String agent, String agentType,
		Integer priorityMax, boolean blocked, boolean all, TaskSort sort) {

	/**
	 * Every task that is not archived, by key.
	 * @return the filter
	 */
	public static TaskFilter everyTask() {
		return new TaskFilter(Set.of(), null, null, null, null, null, false, false, TaskSort.KEY);
	}

}
