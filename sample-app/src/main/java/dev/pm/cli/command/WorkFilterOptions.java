package dev.pm.cli.command;

import dev.pm.cli.plan.WorkFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The filters {@code pm task next} and {@code pm task claim} share.
 */
@Command
final class WorkFilterOptions {

	@Option(names = "--agent-type", paramLabel = "TYPE", description = "Only tasks for this agent type.")
	private String agentType;

	@Option(names = "--epic", paramLabel = "KEY", description = "Only tasks of this epic.",
			converter = KeyConverters.EpicKey.class)
	private String epic;

	@Option(names = "--feature", paramLabel = "KEY", description = "Only tasks of this feature.",
			converter = KeyConverters.FeatureKey.class)
	private String feature;

	WorkFilter filter() {
		return new WorkFilter(this.agentType, this.epic, this.feature);
	}

}
