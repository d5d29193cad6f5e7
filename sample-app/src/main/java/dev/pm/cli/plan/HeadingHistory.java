package dev.pm.cli.plan;

import org.springframework.stereotype.Component;

/**
 * Writes the history rows of epics and features (created, updated, deleted), now, in the
 * caller's transaction; one place for both, as their rows differ only in the key.
 */
@Component
class HeadingHistory {

	private final HistoryRepository history;

	private final Timestamps timestamps;

	HeadingHistory(HistoryRepository history, Timestamps timestamps) {
		this.history = history;
		this.timestamps = timestamps;
	}

	/**
	 * Appends a row for an epic or a feature.
	 * @param key its key
	 * @param event what happened: {@code created}, {@code updated} or {@code deleted}
	 * @param actor who did it, or {@code null}
	 * @param notes what changed, or {@code null}
	 */
	void append(String key, String event, String actor, String notes) {
		this.history.appendHeading(new HistoryEntry(this.timestamps.now(), key, event, null, null, actor, notes));
	}

}
