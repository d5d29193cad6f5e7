package dev.pm.cli.plan;

/**
 * The rule for every field of one line (titles, agents, estimates, notes, reasons): no
 * control characters. A line break would forge a row of every table that shows the field,
 * and an escape sequence would reach the terminal of whoever reads it (set its title,
 * clear its screen, plant a link).
 */
public final class SingleLine {

	private SingleLine() {
	}

	/**
	 * Returns whether a value is one line of text.
	 * @param value the value, or {@code null}
	 * @return {@code true} for {@code null} and text without control characters
	 */
	public static boolean isValid(String value) {
		return value == null || value.chars().noneMatch(Character::isISOControl);
	}

	/**
	 * Describes the rule, for a message that names the field.
	 * @param field the field, {@code --agent} say
	 * @return {@code --agent must be one line of text, without control characters (line
	 * breaks, tabs, escape sequences)}
	 */
	public static String rule(String field) {
		return field + " must be one line of text, without control characters (line breaks, tabs, escape sequences)";
	}

	/**
	 * Checks a value.
	 * @param value the value, or {@code null}
	 * @param field the field, for the message
	 * @return the value
	 * @throws PlanException naming the field if the value has a control character
	 */
	public static String require(String value, String field) {
		if (!isValid(value)) {
			throw new PlanException(rule(field));
		}
		return value;
	}

}
