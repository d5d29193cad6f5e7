package dev.pm.cli.plan;

/**
 * The one rule for priorities: 1 (highest) to 10.
 */
final class Priorities {

	private Priorities() {
	}

	static int require(int priority) {
		if (priority < Task.HIGHEST_PRIORITY || priority > Task.LOWEST_PRIORITY) {
			throw new PlanException("priority " + priority + " is out of range: " + Task.HIGHEST_PRIORITY + " (highest) to "
					+ Task.LOWEST_PRIORITY);
		}
		return priority;
	}

}
