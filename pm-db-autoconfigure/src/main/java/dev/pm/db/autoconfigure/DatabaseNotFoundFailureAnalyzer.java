package dev.pm.db.autoconfigure;

import dev.pm.db.DatabaseNotFoundException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a {@link DatabaseNotFoundException}.
 *
 * @author pm-db
 */
@Order(Ordered.LOWEST_PRECEDENCE - 1) // ahead of DatabaseFailureAnalyzer, which explains
										// the base type
class DatabaseNotFoundFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseNotFoundException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DatabaseNotFoundException cause) {
		return new FailureAnalysis(
				"The database file " + cause.getDatabase() + " does not exist, and pm.db.create-if-missing is false,"
						+ " so no new database was created.",
				"Consider the following:\n\tCheck that pm.db.path points to the existing database (relative paths"
						+ " are resolved against the working directory).\n\tSet pm.db.create-if-missing=true to"
						+ " create a new, empty database at that path.",
				cause);
	}

}
