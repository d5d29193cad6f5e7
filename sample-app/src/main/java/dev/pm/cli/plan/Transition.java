package dev.pm.cli.plan;

import java.util.EnumSet;
import java.util.Set;

import static dev.pm.cli.plan.TaskStatus.BLOCKED;
import static dev.pm.cli.plan.TaskStatus.COMPLETED;
import static dev.pm.cli.plan.TaskStatus.IN_PROGRESS;
import static dev.pm.cli.plan.TaskStatus.READY_FOR_REVIEW;
import static dev.pm.cli.plan.TaskStatus.TODO;

/**
 * The moves of a task through its lifecycle, one per command: the statuses a task may
 * leave that way and the one it reaches. {@link TaskLifecycle} applies them with the
 * rules about dependencies.
 */
public enum Transition {

	/** {@code pm task start}: an agent begins the work. */
	START("start", "started", EnumSet.of(TODO), IN_PROGRESS),

	/**
	 * {@code pm task claim}: the next available task, started in the same transaction.
	 */
	CLAIM("claim", "claimed", EnumSet.of(TODO), IN_PROGRESS),

	/** {@code pm task complete}: the agent hands its work in for review. */
	COMPLETE("complete", "completed", EnumSet.of(IN_PROGRESS), READY_FOR_REVIEW),

	/** {@code pm task approve}: a reviewer accepts the work. */
	APPROVE("approve", "approved", EnumSet.of(READY_FOR_REVIEW), COMPLETED),

	/** {@code pm task reopen}: rework. */
	REOPEN("reopen", "reopened", EnumSet.of(READY_FOR_REVIEW, COMPLETED), IN_PROGRESS),

	/** {@code pm task block}: waiting for something outside the plan. */
	BLOCK("block", "blocked", EnumSet.of(TODO, IN_PROGRESS), BLOCKED),

	/** {@code pm task unblock}: back to the queue. */
	UNBLOCK("unblock", "unblocked", EnumSet.of(BLOCKED), TODO),

	/** {@code pm task archive}: put away. */
	ARCHIVE("archive", "archived", EnumSet.of(COMPLETED), TaskStatus.ARCHIVED),

	/** {@code pm task done}: a person completes a task without a review. */
	DONE("done", "done", EnumSet.of(TODO, IN_PROGRESS), COMPLETED);

	private final String verb;

	private final String event;

	private final Set<TaskStatus> from;

	private final TaskStatus to;

	Transition(String verb, String event, Set<TaskStatus> from, TaskStatus to) {
		this.verb = verb;
		this.event = event;
		this.from = from;
		this.to = to;
	}

	/**
	 * Returns the verb of the command, as in {@code cannot approve T-…}.
	 * @return the verb
	 */
	public String verb() {
		return this.verb;
	}

	/**
	 * Returns the event recorded in the task's history.
	 * @return the event, such as {@code approved}
	 */
	public String event() {
		return this.event;
	}

	/**
	 * Tells whether a task in {@code status} may move this way.
	 * @param status the task's status
	 * @return whether it may
	 */
	public boolean allowsFrom(TaskStatus status) {
		return this.from.contains(status);
	}

	/**
	 * Returns the status a task reaches.
	 * @return the status
	 */
	public TaskStatus to() {
		return this.to;
	}

}
