package dev.pm.db.init;

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
		public Optional<CleanClose> takeCleanCloseRecord() {
			return Optional.empty();
		}

		@Override
		public void tightenPermissions() {
		}

		@Override
		public void recordCleanClose(CleanClose cleanClose) {
		}

	};

	/**
	 * Create the file if it is missing, or check that the existing path can be a
	 * database. Changes nothing that exists.
	 */
	void prepare();

	/**
	 * Return the record of the last clean close of a file that is as that close left it,
	 * and forget the record.
	 * @return the record, or empty when the file must be checked
	 */
	Optional<CleanClose> takeCleanCloseRecord();

	/**
	 * Remove every permission the configuration does not grant from the files.
	 */
	void tightenPermissions();

	/**
	 * Record that the file was closed cleanly just now.
	 * @param cleanClose when an integrity check last ran on it, which, and its schema
	 */
	void recordCleanClose(CleanClose cleanClose);

}
