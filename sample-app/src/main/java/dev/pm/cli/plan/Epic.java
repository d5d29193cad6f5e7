package dev.pm.cli.plan;

/**
 * An epic: the largest unit of a plan.
 *
 * @param key the key, such as {@code E04}
 * @param title what the epic delivers
 * @param created when it was created, as ISO-8601 text
 * @param features how many features it has
 * @param progress its tasks by status
 * @param description what it delivers in detail, as Markdown, or {@code null}
 */
public record Epic(String key, String title, String created, int features, Progress progress, String description) {
}
