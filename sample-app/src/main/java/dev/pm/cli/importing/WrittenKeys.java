package dev.pm.cli.importing;

import java.util.Locale;

import dev.pm.cli.plan.KeyFormat;

/**
 * The forms in which real task documents write keys, read as pm's: in any case
 * ({@code t-e01-f01-001}), and a dependency as the file of its task
 * ({@code T-E01-F01-001.md}, {@code ../E01-F01/T-E01-F01-001-write-it.md}) or as a
 * feature ({@code E01-F01}: every task of that feature).
 */
final class WrittenKeys {

	private static final String MARKDOWN = ".md";

	private WrittenKeys() {
	}

	/**
	 * Returns a task key as pm writes it.
	 * @param written the key as the document writes it
	 * @return the key in upper case, or {@code null} if it is not a task key in any case
	 */
	static String task(String written) {
		String key = written.strip().toUpperCase(Locale.ROOT);
		return KeyFormat.TASK.matches(key) ? key : null;
	}

	/**
	 * Returns the task a file is named after: {@code T-E01-F01-001.md} or
	 * {@code T-E01-F01-001-write-it.md}, in any directory and any case.
	 * @param written a file name or path
	 * @return the task key, or {@code null} if the name is not a Markdown file named
	 * after a task
	 */
	static String taskOfFile(String written) {
		String name = written.strip().replaceFirst("^.*[/\\\\]", "");
		if (!name.toLowerCase(Locale.ROOT).endsWith(MARKDOWN)) {
			return null;
		}
		String stem = name.substring(0, name.length() - MARKDOWN.length()).toUpperCase(Locale.ROOT);
		String key = KeyFormat.TASK.prefixOf(stem);
		// T-E01-F01-0012 is not T-E01-F01-001's file; a slug follows a dash.
		return (key != null && (stem.length() == key.length() || stem.charAt(key.length()) == '-')) ? key : null;
	}

	/**
	 * Returns a feature key as pm writes it.
	 * @param written the key as the document writes it
	 * @return the key in upper case, or {@code null} if it is not a feature key in any
	 * case
	 */
	static String feature(String written) {
		String key = written.strip().toUpperCase(Locale.ROOT);
		return KeyFormat.FEATURE.matches(key) ? key : null;
	}

}
