package dev.pm.cli.command;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import dev.pm.cli.plan.TaskFilter;
import dev.pm.cli.plan.TaskService;
import dev.pm.cli.plan.TaskSort;
import dev.pm.cli.plan.TaskStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pm task list [filters] [--sort ORDER] [--json]}.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
		description = "List tasks, by key; archived tasks only with --all or --status archived.")
final class TaskListCommand implements Callable<Integer> {

	@Mixin
	private Session session;

	@Option(names = "--status", paramLabel = "S", split = ",",
			description = "Only tasks with these statuses (repeat or separate with commas): ${COMPLETION-CANDIDATES}.")
	private List<TaskStatus> statuses = new ArrayList<>();

	@Option(names = "--epic", paramLabel = "KEY", description = "Only the tasks of this epic.",
			converter = KeyConverters.EpicKey.class)
	private String epic;

	@Option(names = "--feature", paramLabel = "KEY", description = "Only the tasks of this feature.",
			converter = KeyConverters.FeatureKey.class)
	private String feature;

	@Option(names = "--agent", paramLabel = "NAME", description = "Only the tasks assigned to this agent.")
	private String agent;

	@Option(names = "--agent-type", paramLabel = "TYPE", description = "Only the tasks for this agent type.")
	private String agentType;

	@Option(names = "--priority-max", paramLabel = "N", converter = PriorityConverter.class,
			description = "Only tasks of priority N or higher (1 to N).")
	private Integer priorityMax;

	@Option(names = "--blocked",
			description = "Only tasks that cannot go ahead: blocked, or todo and waiting on a dependency.")
	private boolean blocked;

	@Option(names = "--all", description = "Archived tasks too.")
	private boolean all;

	@Option(names = "--sort", paramLabel = "ORDER", defaultValue = "key",
			description = "key (default), priority (then oldest), created or status.",
			converter = TaskSortConverter.class)
	private TaskSort sort;

	@Override
	public Integer call() {
		Set<TaskStatus> only = this.statuses.isEmpty() ? Set.of() : EnumSet.copyOf(this.statuses);
		TaskFilter filter = new TaskFilter(only, this.epic, this.feature, this.agent, this.agentType, this.priorityMax,
				this.blocked, this.all, this.sort);
		this.session.showList(() -> this.session.bean(TaskService.class).list(filter),
				(tasks) -> TaskViews.list(this.session.out(), tasks));
		return 0;
	}

}
