package dev.pm.cli.command;

import java.util.Map;

import dev.pm.cli.plan.SingleLine;

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
	 * @throws PlanException naming the source if the name is not one line of text
	 */
	static String resolve(String flag, Map<String, String> environment) {
		String[] sources = { "--agent", VARIABLE, "USER" };
		String[] names = { flag, environment.get(VARIABLE), environment.get("USER") };
		for (int i = 0; i < names.length; i++) {
			if (names[i] != null && !names[i].isBlank()) {
				return SingleLine.require(names[i].strip(), sources[i]);
			}
		}
		return null;
	}

}
