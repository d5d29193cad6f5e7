package dev.pm.cli.importing;

import java.util.List;

/**
 * What an import changed.
 * @param created keys of the tasks that were new
 * @param updated keys of the tasks that existed and were replaced by their documents
 * @param createdFeatures keys of the epics and features created because the documents named them
 */
public record ImportResult(List<String> created, List<String> updated, List<String> createdFeatures) {
}
