package dev.pm.cli.plan;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shapes of plan keys. A key names its parents: feature {@code E04-F01} belongs to
 * epic {@code E04}, task {@code T-E04-F01-002} to feature {@code E04-F01}, which keeps a
 * plan readable without looking anything up. Numbers are zero-padded (at least two digits
 * for epics and features, three for tasks) so that keys sort as people read them:
 * {@code E3} or {@code T-E02-F02-9} would sort after {@code E10} or
 * {@code T-E02-F02-100}.
 */
public enum KeyFormat {

	/** An epic key such as {@code E04}. */
	EPIC("epic", "E04", "(E\\d{2,})", null),

	/** A feature key such as {@code E04-F01}. */
	FEATURE("feature", "E04-F01", "((E\\d{2,})-F\\d{2,})", EPIC),

	/** A task key such as {@code T-E04-F01-002}. */
	TASK("task", "T-E04-F01-002", "(T-((E\\d{2,}-F\\d{2,}))-(\\d{3,}))", FEATURE);

	private final String kind;

	private final String example;

	private final Pattern pattern;

	private final KeyFormat parent;

	KeyFormat(String kind, String example, String regex, KeyFormat parent) {
		this.kind = kind;
		this.example = example;
		this.pattern = Pattern.compile(regex);
		this.parent = parent;
	}

	/**
	 * Tells whether {@code key} has this format.
	 * @param key the key to check
	 * @return whether it has this format
	 */
	public boolean matches(String key) {
		return key != null && this.pattern.matcher(key).matches();
	}

	/**
	 * Returns {@code key} if it has this format.
	 * @param key the key to check
	 * @return the key
	 * @throws PlanException if the key has another format
	 */
	public String require(String key) {
		if (!matches(key)) {
			throw new PlanException("'" + key + "' is not " + describe());
		}
		return key;
	}

	/**
	 * Returns the key at the start of {@code text}, as in {@code E07-F02-sync-engine}.
	 * @param text text that may begin with a key of this format
	 * @return the key, or {@code null} if {@code text} does not begin with one
	 */
	public String prefixOf(String text) {
		Matcher matcher = this.pattern.matcher(text);
		return matcher.lookingAt() ? matcher.group(1) : null;
	}

	/**
	 * Returns the key of the parent a key of this format names: the epic of a feature,
	 * the feature of a task.
	 * @param key a valid key of this format
	 * @return the parent's key
	 * @throws IllegalStateException for an epic, which has no parent
	 */
	public String parentOf(String key) {
		if (this.parent == null) {
			throw new IllegalStateException("an epic has no parent");
		}
		Matcher matcher = this.pattern.matcher(require(key));
		matcher.matches();
		return matcher.group(2);
	}

	/**
	 * Returns a task key with the same number in another feature.
	 * @param key a valid task key, such as {@code T-E01-F01-003}
	 * @param feature a valid feature key, such as {@code E02-F04}
	 * @return the key in that feature, such as {@code T-E02-F04-003}
	 * @throws IllegalStateException for epic and feature keys
	 */
	public String withParent(String key, String feature) {
		if (this != TASK) {
			throw new IllegalStateException("only task keys move to another feature");
		}
		Matcher matcher = this.pattern.matcher(require(key));
		matcher.matches();
		return "T-" + FEATURE.require(feature) + "-" + matcher.group(4);
	}

	/**
	 * Describes the format for an error message.
	 * @return for example {@code a feature key (like E04-F01)}
	 */
	public String describe() {
		return (this == EPIC ? "an " : "a ") + this.kind + " key (like " + this.example + ")";
	}

}
