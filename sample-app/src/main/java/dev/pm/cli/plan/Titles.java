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
		if (!SingleLine.isValid(title.strip())) {
			throw new PlanException(what + ": " + SingleLine.rule("a title"));
		}
		return title.strip();
	}

}
