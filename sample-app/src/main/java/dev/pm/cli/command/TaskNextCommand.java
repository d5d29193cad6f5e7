package dev.pm.cli.command;

import java.util.concurrent.Callable;

import dev.pm.cli.plan.TaskService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pm task next [--agent-type T] [--epic KEY] [--feature KEY] [--json]}.
 */
@Command(name = "next", mixinStandardHelpOptions = true, description = {
		"Show the task to work on next, without taking it.",
		"Available: status todo, every dependency completed, not assigned to another agent; the agent's own "
				+ "reopened work first. First: highest priority, then oldest, then smallest key. None available is "
				+ "not an error (exit 0)." })
final class TaskNextCommand implements Callable<Integer> {

	@Mixin
	private Session session;

	@Mixin
	private WorkFilterOptions filter;

	@Option(names = "--agent", paramLabel = "NAME",
			description = "For whom: the task its claim would take; default PM_AGENT, else USER.")
	private String agent;

	@Override
	public Integer call() {
		this.session.show(
				() -> this.session.bean(TaskService.class).next(this.filter.filter(), this.session.actor(this.agent)),
				(next) -> TaskViews.availability(this.session.out(), next, "Next:"));
		return 0;
	}

}
