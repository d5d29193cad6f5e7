package dev.pm.cli.command;

import java.util.concurrent.Callable;

import dev.pm.cli.plan.TaskService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pm task move KEY --feature KEY [--key NEW]}.
 */
@Command(name = "move", mixinStandardHelpOptions = true,
		description = { "Move a task to another feature, which gives it a new key.",
				"Keys name their feature: the task keeps its number in the new feature unless --key is given. "
						+ "Dependencies and history follow it." })
final class TaskMoveCommand implements Callable<Integer> {

	@Mixin
	private Session session;

	@Mixin
	private TaskKeyParameter task;

	@Option(names = "--feature", required = true, paramLabel = "KEY", description = "The feature to move it to.",
			converter = KeyConverters.FeatureKey.class)
	private String feature;

	@Option(names = "--key", paramLabel = "KEY", description = "Its new key, in that feature.",
			converter = KeyConverters.TaskKey.class)
	private String newKey;

	@Override
	public Integer call() {
		this.session.change(
				() -> this.session.bean(TaskService.class)
					.move(this.task.key(), this.feature, this.newKey, this.session.actor(null)),
				(moved) -> this.session.out().println("Moved task " + this.task.key() + " to " + moved.key() + "."));
		return 0;
	}

}
