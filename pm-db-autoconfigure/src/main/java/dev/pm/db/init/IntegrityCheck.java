package dev.pm.db.init;

/**
 * Which check SQLite runs over an existing database at start-up.
 *
 * @author pm-db
 * @since 0.1.0
 */
public enum IntegrityCheck {

	/**
	 * {@code PRAGMA integrity_check}: every page, index and constraint; reads the whole
	 * file.
	 */
	FULL,

	/**
	 * {@code PRAGMA quick_check}: like {@link #FULL} without checking index contents;
	 * faster.
	 */
	QUICK,

	/** No check at start-up. */
	NONE;

	// Whether a file that passed this check needs no other: a full check includes every
	// other.
	boolean covers(IntegrityCheck required) {
		return this == required || this == FULL;
	}

}
