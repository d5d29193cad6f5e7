package dev.pm.cli.command;

import java.util.concurrent.Callable;

import dev.pm.cli.plan.TaskService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code pm task next [--agent-type T] [--epic KEY] [--feature KEY] [--json]}.
 */
@Command(name = "next", mixinStandardHelpOptions = true,
		description = { "Show the task to work on next, without taking it.",
				"Available: status todo, every dependency completed. First: highest priority, then oldest, then "
						+ "smallest key. None available is not an error (exit 0)." })
final class TaskNextCommand implements Callable<Integer> {

	@Mixin
	private Session session;

	@Mixin
	private WorkFilterOptions filter;

	@Override
	public Integer call() {
		this.session.show(() -> this.session.bean(TaskService.class).next(this.filter.filter()),
				(next) -> TaskViews.availability(this.session.out(), next, "Next:"));
		return 0;
	}

}
