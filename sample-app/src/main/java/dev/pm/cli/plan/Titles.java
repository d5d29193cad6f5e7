package dev.pm.cli.plan;

/**
 * The one rule for titles, shared by epics, features and tasks.
 */
final class Titles {

	private Titles() {
	}

	static String require(String title, String what) {
		if (title == null || title.isBlank()) {
			throw new PlanException(what + " needs a title");
		}
		return title.strip();
	}

}
