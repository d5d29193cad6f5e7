package dev.pm.cli.command;

import picocli.CommandLine.Command;

/**
 * {@code pm task}: the group of task commands.
 */
@Command(name = "task", mixinStandardHelpOptions = true,
		description = { "Add, find, claim and move tasks through their lifecycle:",
				"todo -> in_progress (start, claim) -> ready_for_review (complete) -> completed (approve) -> archived "
						+ "(archive); reopen, block, unblock; done for people." })
public class TaskCommand {

}
