package dev.pm.cli.command;

import java.util.concurrent.Callable;

import dev.pm.cli.plan.TaskService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code pm task history KEY [--json]}.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
		description = "Show every status change, assignment and import of a task, oldest first.")
final class TaskHistoryCommand implements Callable<Integer> {

	@Mixin
	private Session session;

	@Mixin
	private TaskKeyParameter task;

	@Override
	public Integer call() {
		this.session.showList(() -> this.session.bean(TaskService.class).history(this.task.key(), Integer.MAX_VALUE),
				(entries) -> TaskViews.history(this.session.out(), entries));
		return 0;
	}

}
