package dev.pm.cli.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an update changed, as its history row's notes say it:
 * {@code title: Old -> New; description changed}. One wording for tasks, epics and
 * features, so that a reviewer reads every update the same way.
 */
final class ChangeNotes {

	private final List<String> changes = new ArrayList<>();

	/**
	 * Notes a value that may have changed.
	 * @param what its name, as the notes say it
	 * @param before the value before, or {@code null}
	 * @param after the value after, or {@code null}
	 */
	void compare(String what, Object before, Object after) {
		if (!Objects.equals(before, after)) {
			this.changes.add(what + ": " + shown(before) + " -> " + shown(after));
		}
	}

	/**
	 * Notes a description that may have changed; only that it did, as a description can
	 * be a whole document.
	 * @param before the description before, or {@code null}
	 * @param after the description after, or {@code null}
	 */
	void compareDescription(String before, String after) {
		if (!Objects.equals(before, after)) {
			this.changes.add("description " + ((after != null) ? "changed" : "removed"));
		}
	}

	/**
	 * Notes a change in its own words.
	 * @param change what changed
	 */
	void add(String change) {
		this.changes.add(change);
	}

	/**
	 * Tells whether nothing changed.
	 * @return whether no change was noted
	 */
	boolean isEmpty() {
		return this.changes.isEmpty();
	}

	@Override
	public String toString() {
		return String.join("; ", this.changes);
	}

	private static String shown(Object value) {
		return (value != null) ? value.toString() : "none";
	}

}
