package dev.pm.cli.plan;

import java.util.List;

/**
 * A task of a feature, with the tasks it depends on and the tasks that depend on it.
 * @param key the key, such as {@code T-E04-F01-002}
 * @param title what is to be done
 * @param feature the key of its feature
 * @param status where it stands
 * @param agent who it is assigned to, or {@code null}
 * @param estimate estimated time as written, such as {@code 6 hours}, or {@code null}
 * @param created when it was created, as written (ISO-8601 for tasks added by the CLI)
 * @param filePath the document the task came from, or {@code null}
 * @param dependsOn keys of the tasks that must be completed first
 * @param requiredBy keys of the tasks that depend on this one
 */
public record Task(String key, String title, String feature, TaskStatus status, String agent, String estimate,
		String created, String filePath, List<String> dependsOn, List<String> requiredBy) {
}
