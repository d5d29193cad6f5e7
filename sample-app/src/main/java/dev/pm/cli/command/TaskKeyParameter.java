package dev.pm.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The {@code KEY} of the task a command acts on, checked while parsing.
 */
@Command
final class TaskKeyParameter {

	@Parameters(index = "0", paramLabel = "KEY", description = "Task key, such as T-E04-F01-002.",
			converter = KeyConverters.TaskKey.class)
	private String key;

	String key() {
		return this.key;
	}

}
