package dev.pm.cli.plan;

/**
 * The one rule for text that an update sets, keeps or removes (descriptions, estimates,
 * agents): kept as given but for surrounding white space; blank text removes the value.
 */
final class OptionalText {

	private OptionalText() {
	}

	/**
	 * Returns a description after an update.
	 * @param current the description now, or {@code null}
	 * @param given the one the user gave, or {@code null} to keep it
	 * @return the description to store, or {@code null} for none
	 */
	static String updated(String current, String given) {
		if (given == null) {
			return current;
		}
		String stripped = given.strip();
		return stripped.isEmpty() ? null : stripped;
	}

}
