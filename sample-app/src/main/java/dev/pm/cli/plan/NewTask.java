package dev.pm.cli.plan;

import java.util.List;

/**
 * What a user gives to add a task.
 *
 * @param key the key, such as {@code T-E04-F01-002}
 * @param title what is to be done
 * @param feature the key of its feature
 * @param dependsOn keys of the tasks that must be completed first
 * @param agent who it is assigned to, or {@code null}
 * @param estimate estimated time, or {@code null}
 * @param priority 1 (highest) to 10
 * @param agentType the kind of agent it is for, or {@code null}
 */
public record NewTask(String key, String title, String feature, List<String> dependsOn, String agent, String estimate,
		int priority, String agentType) {

	/**
	 * A task with the default priority and no agent type.
	 * @param key the key
	 * @param title what is to be done
	 * @param feature the key of its feature
	 * @param dependsOn keys of the tasks that must be completed first
	 * @param agent who it is assigned to, or {@code null}
	 * @param estimate estimated time, or {@code null}
	 */
	public NewTask(String key, String title, String feature, List<String> dependsOn, String agent, String estimate) {
		this(key, title, feature, dependsOn, agent, estimate, Task.DEFAULT_PRIORITY, null);
	}

}
