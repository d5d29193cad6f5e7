package dev.pm.cli.plan;

/**
 * The one rule for priorities, shared by the commands, the documents and the services.
 */
public final class Priorities {

	/** The valid range, as users read it. */
	public static final String RANGE = Task.HIGHEST_PRIORITY + " (highest) to " + Task.LOWEST_PRIORITY;

	private Priorities() {
	}

	/**
	 * Reads a priority as a user wrote it.
	 * @param text such as {@code 3}
	 * @return the priority, or {@code null} if {@code text} is not a whole number in
	 * {@link #RANGE}
	 */
	public static Integer parse(String text) {
		try {
			int priority = Integer.parseInt(text.strip());
			return isValid(priority) ? priority : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	static int require(int priority) {
		if (!isValid(priority)) {
			throw new PlanException("priority " + priority + " is out of range: " + RANGE);
		}
		return priority;
	}

	private static boolean isValid(int priority) {
		return priority >= Task.HIGHEST_PRIORITY && priority <= Task.LOWEST_PRIORITY;
	}

}
