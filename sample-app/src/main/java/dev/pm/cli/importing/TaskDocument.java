package dev.pm.cli.importing;

import java.nio.file.Path;
import java.util.List;

import dev.pm.cli.plan.TaskStatus;

/**
 * A task as written in a Markdown document with YAML front matter.
 *
 * @param file the document
 * @param key {@code task_key}
 * @param title the first {@code # } heading, without a leading {@code PRP: }
 * @param status {@code status}, {@code todo} if absent
 * @param feature {@code feature}: the feature (and epic) its path names
 * @param created {@code created}, or {@code null}
 * @param agent {@code assigned_agent}, or {@code null}
 * @param dependsOn {@code dependencies} that name tasks (keys or their files)
 * @param estimate {@code estimated_time}, or {@code null}
 * @param filePath {@code file_path}, or {@code null}
 * @param priority {@code priority}, 1 (highest) to 10, 5 if absent
 * @param agentType {@code agent_type}, or {@code null}
 * @param blockedReason {@code blocked_reason}, or {@code null}
 * @param description the body after the front matter, heading included, or {@code null}
 * if it is blank
 * @param dependsOnFeatures {@code dependencies} that name features: every task of each
 */
public record TaskDocument(Path file, String key, String title, TaskStatus status, FeaturePath feature, String created,
		String agent, List<String> dependsOn, String estimate, String filePath, int priority, String agentType,
		String blockedReason, String description, List<String> dependsOnFeatures) {
}
