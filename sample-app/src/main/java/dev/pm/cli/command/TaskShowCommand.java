package dev.pm.cli.command;

import java.util.concurrent.Callable;

import dev.pm.cli.plan.TaskService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code pm task show KEY [--json]}: the task, its dependencies with their status, and
 * its latest history.
 */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a task, its dependencies and its last "
		+ TaskShowCommand.HISTORY_ENTRIES + " history entries.")
final class TaskShowCommand implements Callable<Integer> {

	static final int HISTORY_ENTRIES = 5;

	@Mixin
	private Session session;

	@Mixin
	private TaskKeyParameter task;

	@Override
	public Integer call() {
		this.session.show(() -> this.session.bean(TaskService.class).details(this.task.key(), HISTORY_ENTRIES),
				(details) -> TaskViews.details(this.session.out(), details.task(), details.history()));
		return 0;
	}

}
