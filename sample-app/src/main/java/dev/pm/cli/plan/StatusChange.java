package dev.pm.cli.plan;

/**
 * One status change as the repository writes it.
 *
 * @param from the status the task must still have
 * @param to its new status
 * @param at when, as an ISO-8601 UTC instant
 * @param assignTo the agent who starts it, assigned and with {@code started_at} set now,
 * or {@code null} to keep both
 * @param blockedReason why it is blocked, or {@code null}
 */
public record StatusChange(TaskStatus from, TaskStatus to, String at, String assignTo, String blockedReason) {
}
