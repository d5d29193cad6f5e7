package dev.pm.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.pm.cli.plan.NewTask;
import dev.pm.cli.plan.Task;
import dev.pm.cli.plan.TaskService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pm task add KEY TITLE --feature KEY [--depends-on KEY]... [--agent NAME] [--estimate TEXT]
 * [--priority N] [--agent-type TYPE]}.
 */
@Command(name = "add", mixinStandardHelpOptions = true, description = "Add a task, in status todo.")
final class TaskAddCommand implements Callable<Integer> {

	@Mixin
	private Session session;

	@Parameters(index = "0", paramLabel = "KEY", description = "Task key, such as T-E04-F01-002.",
			converter = KeyConverters.TaskKey.class)
	private String key;

	@Parameters(index = "1", paramLabel = "TITLE", description = "What is to be done, on one line.")
	private String title;

	@Option(names = "--feature", required = true, paramLabel = "KEY", description = "The feature, such as E04-F01.",
			converter = KeyConverters.FeatureKey.class)
	private String feature;

	@Option(names = "--depends-on", paramLabel = "KEY", description = "A task that must be completed first.",
			converter = KeyConverters.TaskKey.class)
	private List<String> dependsOn = new ArrayList<>();

	@Option(names = "--agent", paramLabel = "NAME", description = "Who the task is assigned to.")
	private String agent;

	@Option(names = "--estimate", paramLabel = "TEXT", description = "Estimated time, such as '6 hours'.")
	private String estimate;

	@Option(names = "--priority", paramLabel = "N", defaultValue = "" + Task.DEFAULT_PRIORITY,
			description = "1 (highest) to 10; default ${DEFAULT-VALUE}.", converter = PriorityConverter.class)
	private int priority;

	@Option(names = "--agent-type", paramLabel = "TYPE", description = "The kind of agent it is for, such as backend.")
	private String agentType;

	@Override
	public Integer call() {
		this.session.change(() -> {
			TaskService tasks = this.session.bean(TaskService.class);
			tasks.add(new NewTask(this.key, this.title, this.feature, this.dependsOn, this.agent, this.estimate,
					this.priority, this.agentType), this.session.actor(null));
			return tasks.show(this.key);
		}, (task) -> this.session.out().println("Added task " + task.key() + " to feature " + task.feature() + "."));
		return 0;
	}

}
