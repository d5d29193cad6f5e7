package dev.pm.cli.command;

import java.util.Map;

/**
 * Who runs a command, recorded in the history and as the agent a started task is assigned
 * to.
 */
final class AgentName {

	/**
	 * The environment variable that names the agent when {@code --agent} is not given.
	 */
	static final String VARIABLE = "PM_AGENT";

	private AgentName() {
	}

	/**
	 * Returns the agent.
	 * @param flag {@code --agent}, or {@code null}
	 * @param environment the environment variables
	 * @return the flag, else {@code PM_AGENT}, else {@code USER}, else {@code null}
	 */
	static String resolve(String flag, Map<String, String> environment) {
		for (String name : new String[] { flag, environment.get(VARIABLE), environment.get("USER") }) {
			if (name != null && !name.isBlank()) {
				return name.strip();
			}
		}
		return null;
	}

}
