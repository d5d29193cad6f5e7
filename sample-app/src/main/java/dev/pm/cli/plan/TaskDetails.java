package dev.pm.cli.plan;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A task with its latest history, as {@code pm task show} prints it.
 *
 * @param task the task
 * @param history its latest history entries, oldest first
 */
public record TaskDetails(@JsonUnwrapped Task task, List<HistoryEntry> history) {
}
