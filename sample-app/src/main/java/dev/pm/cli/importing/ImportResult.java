package dev.pm.cli.importing;

import java.util.List;

/**
 * What an import changed.
 *
 * @param created keys of the tasks that were new
 * @param updated keys of the tasks that existed and were updated from their documents
 * @param createdFeatures keys of the epics and features created because the documents
 * named them
 * @param keptStatus keys of updated tasks whose status changed since they were last
 * imported, and which kept it
 * @param unchanged tasks whose documents say what the database has: not written, no
 * history
 * @param skipped files that are no task documents (without front matter or
 * {@code task_key}), which the import skipped
 */
public record ImportResult(List<String> created, List<String> updated, List<String> createdFeatures,
		List<String> keptStatus, List<String> unchanged, List<String> skipped) {
}
