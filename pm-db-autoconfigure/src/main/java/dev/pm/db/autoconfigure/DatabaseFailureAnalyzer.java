package dev.pm.db.autoconfigure;

import dev.pm.db.DatabaseException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a {@link DatabaseException} that no more specific analyzer explains: a path
 * that cannot be a database, or a PRAGMA that did not take.
 *
 * @author pm-db
 */
@Order(Ordered.LOWEST_PRECEDENCE)
class DatabaseFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DatabaseException cause) {
		return new FailureAnalysis(cause.getMessage() + ".",
				"Consider the following:\n\tCheck pm.db.path (now " + cause.getDatabase()
						+ "): it must be an SQLite database file its owner may read and write,"
						+ " or a path that does not exist yet.\n\tCheck the pm.db PRAGMA properties and that the"
						+ " file system supports them.",
				cause);
	}

}
