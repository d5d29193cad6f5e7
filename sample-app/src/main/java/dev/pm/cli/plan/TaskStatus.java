package dev.pm.cli.plan;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a task stands. {@link #toString()} is the value stored in the database and shown
 * to users; the constants are declared in the order of the lifecycle, which
 * {@code --sort status} follows.
 */
public enum TaskStatus {

	/** Not started. */
	TODO("todo"),

	/** Being worked on. */
	IN_PROGRESS("in_progress"),

	/** Waiting for something outside the plan; the task says why. */
	BLOCKED("blocked"),

	/** Handed in by the agent, waiting for a person's review. */
	READY_FOR_REVIEW("ready_for_review"),

	/** Done; only possible once every dependency is done. */
	COMPLETED("completed"),

	/** Done and put away: hidden from {@code pm task list} unless asked for. */
	ARCHIVED("archived");

	private final String value;

	TaskStatus(String value) {
		this.value = value;
	}

	/**
	 * Returns the status written as {@code text}, forgiving case and {@code -} for
	 * {@code _}.
	 * @param text a status such as {@code in_progress} or {@code In-Progress}
	 * @return the status
	 * @throws IllegalArgumentException if {@code text} names no status; the message lists
	 * the valid ones
	 */
	public static TaskStatus of(String text) {
		String normalized = text.strip().toLowerCase(Locale.ROOT).replace('-', '_');
		return Arrays.stream(values())
			.filter((status) -> status.value.equals(normalized))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"unknown status '" + text + "' (expected one of " + validValues() + ")"));
	}

	/**
	 * Returns the valid statuses, as users write them.
	 * @return for example {@code todo, in_progress, blocked, ...}
	 */
	public static String validValues() {
		return Arrays.stream(values()).map(TaskStatus::toString).collect(Collectors.joining(", "));
	}

	/**
	 * Tells whether a dependency in this status lets the tasks that depend on it go
	 * ahead: an archived task was completed before it was put away.
	 * @return whether the work is done
	 */
	public boolean isDone() {
		return this == COMPLETED || this == ARCHIVED;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
