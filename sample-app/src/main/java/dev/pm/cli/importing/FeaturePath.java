package dev.pm.cli.importing;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.pm.cli.plan.KeyFormat;

/**
 * The feature a task document points to with a path such as
 * {@code plan/E07-offline/E07-F02-sync-engine}: the last segment begins with the feature
 * key and its slug is the feature's title; a parent segment beginning with the epic key
 * gives the epic's title.
 *
 * @param featureKey the feature key, such as {@code E07-F02}
 * @param featureTitle the title from the slug, such as {@code Sync engine}, or the key
 * without one
 * @param epicKey the epic key, such as {@code E07}
 * @param epicTitle the title from the parent segment's slug, or the epic key without one
 */
public record FeaturePath(String featureKey, String featureTitle, String epicKey, String epicTitle) {

	/**
	 * Reads a feature path.
	 * @param path the path as written, with {@code /} or {@code \} separators
	 * @return what it names
	 * @throws IllegalArgumentException if the last segment does not begin with a feature
	 * key
	 */
	public static FeaturePath parse(String path) {
		List<String> segments = Arrays.stream(path.split("[/\\\\]")).filter((s) -> !s.isBlank()).toList();
		String last = segments.isEmpty() ? "" : segments.get(segments.size() - 1);
		// Keys in any case: e07-f02-sync-engine is E07-F02.
		String featureKey = KeyFormat.FEATURE.prefixOf(last.toUpperCase(Locale.ROOT));
		if (featureKey == null) {
			throw new IllegalArgumentException("feature '" + path + "' must end with a folder named after "
					+ KeyFormat.FEATURE.describe() + ", such as plan/E07-F02-sync-engine");
		}
		String epicKey = KeyFormat.FEATURE.parentOf(featureKey);
		String parent = (segments.size() > 1) ? segments.get(segments.size() - 2) : "";
		String epicTitle = epicKey.equals(KeyFormat.EPIC.prefixOf(parent.toUpperCase(Locale.ROOT)))
				? titleOf(parent, epicKey) : epicKey;
		return new FeaturePath(featureKey, titleOf(last, featureKey), epicKey, epicTitle);
	}

	/**
	 * {@code E07-F02-sync-engine} with key {@code E07-F02} is titled {@code Sync engine}.
	 */
	private static String titleOf(String segment, String key) {
		String slug = segment.substring(key.length()).replaceAll("[-_]+", " ").strip();
		if (slug.isEmpty()) {
			return key;
		}
		return slug.substring(0, 1).toUpperCase(Locale.ROOT) + slug.substring(1);
	}

}
