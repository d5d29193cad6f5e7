package dev.pm.cli.plan;

import java.util.List;

/**
 * What a user gives to add a task.
 * @param key the key, such as {@code T-E04-F01-002}
 * @param title what is to be done
 * @param feature the key of its feature
 * @param dependsOn keys of the tasks that must be completed first
 * @param agent who it is assigned to, or {@code null}
 * @param estimate estimated time, or {@code null}
 */
public record NewTask(String key, String title, String feature, List<String> dependsOn, String agent,
		String estimate) {
}
