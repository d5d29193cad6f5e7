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

	/**
	 * Every task of an epic, archived ones too, by key.
	 * @param epic the epic's key
	 * @return the filter
	 */
	public static TaskFilter ofEpic(String epic) {
		return new TaskFilter(Set.of(), epic, null, null, null, null, false, true, TaskSort.KEY);
	}

	/**
	 * Every task of a feature, archived ones too, by key.
	 * @param feature the feature's key
	 * @return the filter
	 */
	public static TaskFilter ofFeature(String feature) {
		return new TaskFilter(Set.of(), null, feature, null, null, null, false, true, TaskSort.KEY);
	}

	/**
	 * Returns this filter for these statuses only.
	 * @param only the statuses
	 * @return the filter
	 */
	public TaskFilter withStatuses(Set<TaskStatus> only) {
		return new TaskFilter(only, this.epic, this.feature, this.agent, this.agentType, this.priorityMax, this.blocked,
				this.all, this.sort);
	}

	/**
	 * Returns this filter for the tasks assigned to an agent only.
	 * @param name the agent
	 * @return the filter
	 */
	public TaskFilter withAgent(String name) {
		return new TaskFilter(this.statuses, this.epic, this.feature, name, this.agentType, this.priorityMax,
				this.blocked, this.all, this.sort);
	}

	/**
	 * Returns this filter for the tasks of an agent type only.
	 * @param type the agent type
	 * @return the filter
	 */
	public TaskFilter withAgentType(String type) {
		return new TaskFilter(this.statuses, this.epic, this.feature, this.agent, type, this.priorityMax, this.blocked,
				this.all, this.sort);
	}

	/**
	 * Returns this filter for tasks of this priority or higher only.
	 * @param priority the lowest priority shown (the largest number)
	 * @return the filter
	 */
	public TaskFilter withPriorityMax(Integer priority) {
		return new TaskFilter(this.statuses, this.epic, this.feature, this.agent, this.agentType, priority,
				this.blocked, this.all, this.sort);
	}

	/**
	 * Returns this filter for the tasks that cannot go ahead only.
	 * @return the filter
	 */
	public TaskFilter onlyBlocked() {
		return new TaskFilter(this.statuses, this.epic, this.feature, this.agent, this.agentType, this.priorityMax,
				true, this.all, this.sort);
	}

	/**
	 * Returns this filter with archived tasks too, or without.
	 * @param archived whether archived tasks count
	 * @return the filter
	 */
	public TaskFilter includingArchived(boolean archived) {
		return new TaskFilter(this.statuses, this.epic, this.feature, this.agent, this.agentType, this.priorityMax,
				this.blocked, archived, this.sort);
	}

	/**
	 * Returns this filter in another order.
	 * @param order the order
	 * @return the filter
	 */
	public TaskFilter sortedBy(TaskSort order) {
		return new TaskFilter(this.statuses, this.epic, this.feature, this.agent, this.agentType, this.priorityMax,
				this.blocked, this.all, order);
	}

}
