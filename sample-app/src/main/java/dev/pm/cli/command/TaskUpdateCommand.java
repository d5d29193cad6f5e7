package dev.pm.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.pm.cli.plan.TaskUpdate;
import dev.pm.cli.plan.TaskUpdateService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pm task update KEY [--title TEXT] [--priority N] [--agent-type TYPE] [--agent NAME]
 * [--estimate TEXT] [--description TEXT | --description-file FILE] [--add-dependency KEY]...
 * [--remove-dependency KEY]...}.
 */
@Command(name = "update", mixinStandardHelpOptions = true,
		description = { "Change a task's title, priority, agent type, agent, estimate, description or dependencies.",
				"An empty value removes an agent type, agent, estimate or description. Dependency cycles are refused.",
				"The history says what changed; a change by the agent holding the claim renews its lease." })
final class TaskUpdateCommand implements Callable<Integer> {

	@Mixin
	private Session session;

	@Mixin
	private TaskKeyParameter task;

	@Option(names = "--title", paramLabel = "TEXT", description = "What is to be done, on one line.")
	private String title;

	@Option(names = "--priority", paramLabel = "N", description = "1 (highest) to 10.",
			converter = PriorityConverter.class)
	private Integer priority;

	@Option(names = "--agent-type", paramLabel = "TYPE", description = "The kind of agent it is for.")
	private String agentType;

	@Option(names = "--agent", paramLabel = "NAME", description = "Who the task is assigned to.")
	private String agent;

	@Option(names = "--estimate", paramLabel = "TEXT", description = "Estimated time, such as '6 hours'.")
	private String estimate;

	@Mixin
	private DescriptionOptions description;

	@Option(names = "--add-dependency", paramLabel = "KEY", description = "A task that must be completed first.",
			converter = KeyConverters.TaskKey.class)
	private List<String> addDependencies = new ArrayList<>();

	@Option(names = "--remove-dependency", paramLabel = "KEY", description = "A task it no longer depends on.",
			converter = KeyConverters.TaskKey.class)
	private List<String> removeDependencies = new ArrayList<>();

	@Override
	public Integer call() {
		TaskUpdate update = new TaskUpdate(this.title, this.priority, this.agentType, this.agent, this.estimate,
				this.description.description(), this.addDependencies, this.removeDependencies);
		this.session.change(
				() -> this.session.bean(TaskUpdateService.class)
					.update(this.task.key(), update, this.session.actor(null)),
				(task) -> this.session.out().println("Updated task " + task.key() + "."));
		return 0;
	}

}
