package dev.pm.db.autoconfigure;

import dev.pm.db.ForeignDatabaseException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a {@link ForeignDatabaseException}, and how to adopt such a database on
 * purpose.
 *
 * @author pm-db
 */
@Order(Ordered.LOWEST_PRECEDENCE - 2) // ahead of SchemaVersionMismatchFailureAnalyzer
class ForeignDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<ForeignDatabaseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ForeignDatabaseException cause) {
		return new FailureAnalysis(cause.getMessage() + ".",
				"Consider the following:\n\tPoint pm.db.path to this application's database, or to a path that"
						+ " does not exist yet.\n\tTo adopt " + cause.getDatabase() + " deliberately (its tables are"
						+ " kept; migrations newer than the baseline run on top of them), back it up, then set"
						+ " pm.db.migration.baseline-on-migrate=true and pm.db.migration.baseline-version to the"
						+ " version its tables already match.",
				cause);
	}

}
