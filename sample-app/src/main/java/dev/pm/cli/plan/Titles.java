package dev.pm.cli.plan;

/**
 * The one rule for titles, shared by epics, features and tasks: one line of text, since a
 * line break would break every table that shows it.
 */
final class Titles {

	private Titles() {
	}

	static String require(String title, String what) {
		if (title == null || title.isBlank()) {
			throw new PlanException(what + " needs a title");
		}
		if (title.strip().chars().anyMatch(Character::isISOControl)) {
			throw new PlanException(what + ": a title must be one line of text, without line breaks or tabs");
		}
		return title.strip();
	}

}
