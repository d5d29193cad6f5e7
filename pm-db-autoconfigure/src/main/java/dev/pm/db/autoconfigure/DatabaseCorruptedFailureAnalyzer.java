package dev.pm.db.autoconfigure;

import dev.pm.db.DatabaseCorruptedException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link DatabaseCorruptedException}.
 *
 * @author pm-db
 */
class DatabaseCorruptedFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseCorruptedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DatabaseCorruptedException cause) {
		return new FailureAnalysis(
				"The database " + cause.getPath() + " failed SQLite's integrity check:\n\t"
						+ String.join("\n\t", cause.getProblems()) + "\nThe file was left unchanged.",
				"Consider the following:\n\tRestore the database from a backup.\n\tCopy the file and try to"
						+ " recover what is readable with the sqlite3 shell's .recover command, then point"
						+ " pm.db.path to the recovered copy.",
				cause);
	}

}
