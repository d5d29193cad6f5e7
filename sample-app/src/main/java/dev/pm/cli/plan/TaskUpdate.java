package dev.pm.cli.plan;

import java.util.List;

/**
 * What {@code pm task update} changes; {@code null} keeps a value as it is.
 *
 * @param title the new title, or {@code null}
 * @param priority the new priority, or {@code null}
 * @param agentType the new agent type, or {@code null}; blank removes it
 * @param agent the new assignee, or {@code null}; blank removes it
 * @param estimate the new estimate, or {@code null}; blank removes it
 * @param description the new Markdown description, or {@code null}; blank removes it
 * @param addDependencies keys of tasks it now depends on as well
 * @param removeDependencies keys of tasks it no longer depends on
 */
public record TaskUpdate(String title, Integer priority, String agentType, String agent, String estimate,
		String description, List<String> addDependencies, List<String> removeDependencies) {

	/**
	 * Tells whether this update changes nothing at all.
	 * @return whether every value is kept
	 */
	public boolean isEmpty() {
		return this.title == null && this.priority == null && this.agentType == null && this.agent == null
				&& this.estimate == null && this.description == null && this.addDependencies.isEmpty()
				&& this.removeDependencies.isEmpty();
	}

}
