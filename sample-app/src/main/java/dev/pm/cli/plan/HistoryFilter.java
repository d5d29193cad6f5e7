package dev.pm.cli.plan;

/**
 * Which rows of the project's history {@code pm history} shows. {@code null} means "any".
 *
 * @param since only rows at or after this ISO-8601 UTC instant
 * @param agent only rows of this agent
 * @param epic only rows of tasks of this epic, by the key the task had then
 * @param limit at most this many rows, the latest
 */
public record HistoryFilter(String since, String agent, String epic, int limit) {
}
