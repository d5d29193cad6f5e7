package dev.pm.cli.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a cycle in a dependency graph. Plans hold hundreds of tasks, not millions, so a
 * depth-first search over the graph loaded in memory is simpler and clearer than
 * recursive SQL, and it yields the path to show the user.
 */
final class DependencyCycles {

	private final Map<String, List<String>> dependsOn;

	private final Set<String> finished = new HashSet<>();

	DependencyCycles(Map<String, List<String>> dependsOn) {
		this.dependsOn = dependsOn;
	}

	/**
	 * Returns a cycle reachable from one of {@code starts}, as the path of keys that
	 * closes it ({@code A, B, A}). Only new edges can close a cycle, so starting from the
	 * tasks whose dependencies changed finds every new one.
	 * @param starts keys of the tasks to start from
	 * @return the cycle, or empty if there is none
	 */
	Optional<List<String>> findFrom(Collection<String> starts) {
		for (String start : starts) {
			Optional<List<String>> cycle = visit(start, new ArrayList<>());
			if (cycle.isPresent()) {
				return cycle;
			}
		}
		return Optional.empty();
	}

	private Optional<List<String>> visit(String key, List<String> path) {
		int seen = path.indexOf(key);
		if (seen >= 0) {
			List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
			cycle.add(key);
			return Optional.of(cycle);
		}
		if (this.finished.contains(key)) {
			return Optional.empty();
		}
		path.add(key);
		for (String next : this.dependsOn.getOrDefault(key, List.of())) {
			Optional<List<String>> cycle = visit(next, path);
			if (cycle.isPresent()) {
				return cycle;
			}
		}
		path.remove(path.size() - 1);
		this.finished.add(key);
		return Optional.empty();
	}

}
