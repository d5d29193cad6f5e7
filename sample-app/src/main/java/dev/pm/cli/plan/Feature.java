package dev.pm.cli.plan;

/**
 * A feature of an epic.
 *
 * @param key the key, such as {@code E04-F01}
 * @param title what the feature delivers
 * @param epic the key of its epic
 * @param created when it was created, as ISO-8601 text
 * @param progress its tasks by status
 * @param description what it delivers in detail, as Markdown, or {@code null}
 */
public record Feature(String key, String title, String epic, String created, Progress progress, String description) {
}
