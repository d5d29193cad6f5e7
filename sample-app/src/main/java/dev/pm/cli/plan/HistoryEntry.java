package dev.pm.cli.plan;

/**
 * One row of a task's history: a status change, an assignment, an import.
 *
 * @param at when, as an ISO-8601 UTC instant
 * @param key the task's key at the time
 * @param event what happened: the command, such as {@code claimed} or {@code approved}
 * @param from the status before, or {@code null}
 * @param to the status after, or {@code null}
 * @param agent who did it, or {@code null}
 * @param notes what they said, or {@code null}
 */
public record HistoryEntry(String at, String key, String event, TaskStatus from, TaskStatus to, String agent,
		String notes) {
}
