package dev.pm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Task documents as agents write them for {@code pm task import}: front matter with the
 * key, status, feature and dependencies, then the body.
 */
final class TaskDocuments {

	private TaskDocuments() {
	}

	/**
	 * Write the document of one task of feature E07-F02.
	 * @param directory where it goes, as {@code KEY.md}
	 * @param key the task's key
	 * @param status its status
	 * @param dependsOn the keys of the tasks it depends on
	 * @return the document
	 */
	static Path write(Path directory, String key, String status, String... dependsOn) throws IOException {
		StringBuilder dependencies = new StringBuilder();
		for (String dependency : dependsOn) {
			dependencies.append("\n  - ").append(dependency);
		}
		return Files.writeString(directory.resolve(key + ".md"), """
				---
				task_key: %s
				status: %s
				feature: plan/E07-mobile/E07-F02-sync-engine
				dependencies:%s
				estimated_time: 6 hours
				---
				# PRP: Task %s
				""".formatted(key, status, dependencies, key));
	}

}
