package dev.pm.cli.command;

import java.util.concurrent.Callable;

import dev.pm.cli.plan.TaskService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code pm task delete KEY}.
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
		description = "Delete a task that no other task depends on; its history stays.")
final class TaskDeleteCommand implements Callable<Integer> {

	@Mixin
	private Session session;

	@Mixin
	private TaskKeyParameter task;

	@Override
	public Integer call() {
		this.session.delete("task", this.task.key(),
				() -> this.session.bean(TaskService.class).delete(this.task.key(), this.session.actor(null)));
		return 0;
	}

}
