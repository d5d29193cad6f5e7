package dev.pm.cli.plan;

import java.util.List;

/**
 * A task of a feature, with the tasks it depends on and the tasks that depend on it.
 *
 * @param key the key, such as {@code T-E04-F01-002}
 * @param title what is to be done
 * @param feature the key of its feature
 * @param epic the key of its epic
 * @param status where it stands
 * @param priority 1 (highest) to 10
 * @param agentType the kind of agent it is for, such as {@code backend}, or {@code null}
 * @param agent who it is assigned to, or {@code null}
 * @param estimate estimated time as written, such as {@code 6 hours}, or {@code null}
 * @param created when it was created: an ISO-8601 date or UTC instant
 * @param filePath the document the task came from, or {@code null}
 * @param blockedReason why it is blocked, or {@code null}
 * @param startedAt when it was last started, as an ISO-8601 UTC instant, or {@code null}
 * @param updatedAt when its status last changed, as an ISO-8601 UTC instant, or
 * {@code null}
 * @param dependsOn the tasks that must be completed first
 * @param requiredBy the tasks that depend on this one
 * @param description what is to be done in detail, as Markdown, or {@code null}
 * @param leaseExpiresAt when the claim of its agent expires, as an ISO-8601 UTC instant,
 * or {@code null} for a task not claimed with a lease
 */
public record Task(String key, String title, String feature, String epic, TaskStatus status, int priority,
		String agentType, String agent, String estimate, String created, String filePath, String blockedReason,
		String startedAt, String updatedAt, List<TaskLink> dependsOn, List<TaskLink> requiredBy, String description,
		String leaseExpiresAt) {

	/** The priority of a task that was given none. */
	public static final int DEFAULT_PRIORITY = 5;

	/** The highest priority. */
	public static final int HIGHEST_PRIORITY = 1;

	/** The lowest priority. */
	public static final int LOWEST_PRIORITY = 10;

	/**
	 * Returns the dependencies that are not done yet.
	 * @return their keys
	 */
	public List<String> unfinishedDependencies() {
		return this.dependsOn.stream().filter((link) -> !link.status().isDone()).map(TaskLink::key).toList();
	}

}
