package dev.pm.db.autoconfigure;

import dev.pm.db.DatabaseMigrationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a {@link DatabaseMigrationException}.
 *
 * @author pm-db
 */
@Order(Ordered.LOWEST_PRECEDENCE - 1) // ahead of DatabaseFailureAnalyzer, which explains
										// the base type
class DatabaseMigrationFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseMigrationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DatabaseMigrationException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Consider the following:\n\tFix the migration "
						+ ((cause.getMigration() != null) ? cause.getMigration() : "named above")
						+ " in pm.db.migration.locations and start again: it is retried from the version the"
						+ " database stays at.\n\tDo not edit migrations that were already applied; add a new"
						+ " one instead.",
				cause);
	}

}
