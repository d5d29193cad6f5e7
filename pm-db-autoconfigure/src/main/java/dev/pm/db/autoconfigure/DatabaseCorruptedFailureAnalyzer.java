package dev.pm.db.autoconfigure;

import dev.pm.db.DatabaseCorruptedException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a {@link DatabaseCorruptedException}.
 *
 * @author pm-db
 */
@Order(Ordered.LOWEST_PRECEDENCE - 1) // ahead of DatabaseFailureAnalyzer, which explains
										// the base type
class DatabaseCorruptedFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseCorruptedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DatabaseCorruptedException cause) {
		return new FailureAnalysis(
				"The database " + cause.getDatabase() + " failed SQLite's integrity check:\n\t"
						+ String.join("\n\t", cause.getProblems()) + "\nThe file was left unchanged.",
				"Consider the following:\n\tRestore the database from a backup.\n\tCopy the file and try to"
						+ " recover what is readable with the sqlite3 shell's .recover command, then point"
						+ " pm.db.path to the recovered copy.",
				cause);
	}

}
