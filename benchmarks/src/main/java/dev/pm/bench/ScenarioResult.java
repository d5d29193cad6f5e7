package dev.pm.bench;

import java.util.List;

/**
 * What one scenario measured: its series, the checks against the targets, and notes for
 * the reader (for example why a part was skipped).
 *
 * @param name the scenario
 * @param series the measured variants
 * @param checks ratios and limits against their targets
 * @param notes remarks printed under the scenario
 * @author pm-db
 */
public record ScenarioResult(String name, List<Series> series, List<Check> checks, List<String> notes) {

	/**
	 * Return the series of a variant.
	 * @param variant the variant's name
	 * @return the series
	 * @throws IllegalArgumentException if the scenario measured no such variant
	 */
	public Series series(String variant) {
		return this.series.stream()
			.filter((candidate) -> candidate.variant().equals(variant))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No variant '" + variant + "' in " + this.name));
	}

}
