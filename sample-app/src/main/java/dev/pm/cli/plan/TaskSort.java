package dev.pm.cli.plan;

import java.util.Locale;

/**
 * The orders of {@code pm task list}.
 */
public enum TaskSort {

	/** By key: the plan's own order. */
	KEY("t.key"),

	/**
	 * Highest priority first, then oldest, then key: the order {@code pm task next} picks
	 * in.
	 */
	PRIORITY("t.priority, t.created, t.key"),

	/** Oldest first. */
	CREATED("t.created, t.key"),

	/** In lifecycle order: todo first, archived last. */
	STATUS("CASE t.status WHEN 'todo' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'blocked' THEN 2 "
			+ "WHEN 'ready_for_review' THEN 3 WHEN 'completed' THEN 4 ELSE 5 END, t.key");

	private final String orderBy;

	TaskSort(String orderBy) {
		this.orderBy = orderBy;
	}

	String orderBy() {
		return this.orderBy;
	}

	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT);
	}

}
