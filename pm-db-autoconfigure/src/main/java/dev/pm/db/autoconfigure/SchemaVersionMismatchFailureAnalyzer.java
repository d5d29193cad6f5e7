package dev.pm.db.autoconfigure;

import dev.pm.db.SchemaVersionMismatchException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a {@link SchemaVersionMismatchException}.
 *
 * @author pm-db
 */
@Order(Ordered.LOWEST_PRECEDENCE - 1) // ahead of DatabaseFailureAnalyzer, which explains
										// the base type
class SchemaVersionMismatchFailureAnalyzer extends AbstractFailureAnalyzer<SchemaVersionMismatchException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SchemaVersionMismatchException cause) {
		return new FailureAnalysis(cause.getMessage() + ".",
				"Consider the following:\n\tRun the version of the application that matches schema version "
						+ ((cause.getFound() != null) ? cause.getFound() : "none") + " of " + cause.getDatabase()
						+ ".\n\tPoint pm.db.path to a database made for this application (schema version "
						+ ((cause.getExpected() != null) ? cause.getExpected() : "none") + ").",
				cause);
	}

}
