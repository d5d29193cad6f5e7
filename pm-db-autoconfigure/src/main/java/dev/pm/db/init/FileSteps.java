package dev.pm.db.init;

import java.time.Instant;
import java.util.Optional;

/**
 * The start-up steps that concern the database's files. An in-memory database has none:
 * {@link #NONE} does nothing.
 *
 * @author pm-db
 */
interface FileSteps {

	/**
	 * The steps of a database without files.
	 */
	FileSteps NONE = new FileSteps() {

		@Override
		public void prepare() {
		}

		@Override
		public Optional<Instant> takeCleanCloseRecord(IntegrityCheck required) {
			return Optional.empty();
		}

		@Override
		public void tightenPermissions() {
		}

		@Override
		public void recordCleanClose(Instant checked, IntegrityCheck check) {
		}

	};

	/**
	 * Create the file if it is missing, or check that the existing path can be a
	 * database. Changes nothing that exists.
	 */
	void prepare();

	/**
	 * Return when an integrity check that covers {@code required} last ran on a file that
	 * is as a clean close left it, and forget that record.
	 * @param required the check the configuration asks for
	 * @return the time of the last check, or empty when the file must be checked
	 */
	Optional<Instant> takeCleanCloseRecord(IntegrityCheck required);

	/**
	 * Remove every permission the configuration does not grant from the files.
	 */
	void tightenPermissions();

	/**
	 * Record that the file was closed cleanly just now.
	 * @param checked when an integrity check last ran
	 * @param check which check it was
	 */
	void recordCleanClose(Instant checked, IntegrityCheck check);

}
