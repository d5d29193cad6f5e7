package dev.pm.cli.plan;

/**
 * Which tasks {@code pm task next} and {@code pm task claim} choose from. {@code null}
 * means "any".
 *
 * @param agentType only tasks for this agent type
 * @param epic only tasks of this epic
 * @param feature only tasks of this feature
 */
public record WorkFilter(String agentType, String epic, String feature) {

	/**
	 * Any task.
	 * @return the filter
	 */
	public static WorkFilter anyTask() {
		return new WorkFilter(null, null, null);
	}

}
