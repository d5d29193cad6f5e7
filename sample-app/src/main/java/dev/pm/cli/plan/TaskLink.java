package dev.pm.cli.plan;

/**
 * A task another task depends on, or is required by, with its status: an agent sees at
 * once what it waits for.
 *
 * @param key the task's key
 * @param status its status
 */
public record TaskLink(String key, TaskStatus status) {
}
