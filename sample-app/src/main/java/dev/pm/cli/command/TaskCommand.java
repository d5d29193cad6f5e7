package dev.pm.cli.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.pm.cli.importing.ImportResult;
import dev.pm.cli.importing.TaskImportService;
import dev.pm.cli.plan.NewTask;
import dev.pm.cli.plan.Task;
import dev.pm.cli.plan.TaskService;
import dev.pm.cli.plan.TaskStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pm task}: adds, lists, shows, imports tasks and moves them through their statuses.
 */
@Command(name = "task", mixinStandardHelpOptions = true,
		description = "Add, list, show and import tasks; start, block and complete them.",
		subcommands = { TaskCommand.Add.class, TaskCommand.ListTasks.class, TaskCommand.Show.class,
				TaskCommand.Start.class, TaskCommand.Block.class, TaskCommand.Done.class, TaskCommand.Import.class })
public class TaskCommand {

	/** {@code pm task add KEY TITLE --feature KEY [--depends-on KEY]... [--agent NAME] [--estimate TEXT]}. */
	@Command(name = "add", mixinStandardHelpOptions = true, description = "Add a task, in status todo.")
	static final class Add implements Callable<Integer> {

		private final LazyApplicationContext context;

		@Mixin
		private Output output;

		@Parameters(index = "0", paramLabel = "KEY", description = "Task key, such as T-E04-F01-002.",
				converter = KeyConverters.TaskKey.class)
		private String key;

		@Parameters(index = "1", paramLabel = "TITLE", description = "What is to be done.")
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

		Add(LazyApplicationContext context) {
			this.context = context;
		}

		@Override
		public Integer call() {
			this.context.getBean(TaskService.class)
				.add(new NewTask(this.key, this.title, this.feature, this.dependsOn, this.agent, this.estimate));
			this.output.out().println("Added task " + this.key + " to feature " + this.feature + ".");
			return 0;
		}

	}

	/** {@code pm task list [--status S] [--feature KEY] [--json]}. */
	@Command(name = "list", mixinStandardHelpOptions = true, description = "List tasks.")
	static final class ListTasks implements Callable<Integer> {

		private final LazyApplicationContext context;

		@Mixin
		private Output output;

		@Option(names = "--status", paramLabel = "S",
				description = "Only tasks with this status: todo, in_progress, blocked, completed.")
		private TaskStatus status;

		@Option(names = "--feature", paramLabel = "KEY", description = "Only the tasks of this feature.",
				converter = KeyConverters.FeatureKey.class)
		private String feature;

		@Option(names = "--json", description = "Print JSON for scripts.")
		private boolean json;

		ListTasks(LazyApplicationContext context) {
			this.context = context;
		}

		@Override
		public Integer call() {
			List<Task> tasks = this.context.getBean(TaskService.class).list(this.status, this.feature);
			if (this.json) {
				JsonOutput.print(this.output.out(), tasks);
				return 0;
			}
			Table table = Table.withHeaders("KEY", "STATUS", "TITLE", "AGENT", "ESTIMATE", "DEPENDS ON");
			tasks.forEach((task) -> table.row(task.key(), task.status(), task.title(), task.agent(), task.estimate(),
					Table.list(task.dependsOn())));
			table.print(this.output.out(), "No tasks.");
			return 0;
		}

	}

	/** {@code pm task show KEY [--json]}. */
	@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a task.")
	static final class Show implements Callable<Integer> {

		private final LazyApplicationContext context;

		@Mixin
		private Output output;

		@Parameters(index = "0", paramLabel = "KEY", description = "Task key, such as T-E04-F01-002.",
				converter = KeyConverters.TaskKey.class)
		private String key;

		@Option(names = "--json", description = "Print JSON for scripts.")
		private boolean json;

		Show(LazyApplicationContext context) {
			this.context = context;
		}

		@Override
		public Integer call() {
			Task task = this.context.getBean(TaskService.class).show(this.key);
			if (this.json) {
				JsonOutput.print(this.output.out(), task);
				return 0;
			}
			Table.ofProperties()
				.row("key", task.key())
				.row("title", task.title())
				.row("status", task.status())
				.row("feature", task.feature())
				.row("agent", task.agent())
				.row("estimate", task.estimate())
				.row("created", task.created())
				.row("file", task.filePath())
				.row("depends on", Table.list(task.dependsOn()))
				.row("required by", Table.list(task.requiredBy()))
				.print(this.output.out(), "");
			return 0;
		}

	}

	/**
	 * A command that moves one task to another status.
	 */
	abstract static class StatusChange implements Callable<Integer> {

		private final LazyApplicationContext context;

		@Mixin
		private Output output;

		@Parameters(index = "0", paramLabel = "KEY", description = "Task key, such as T-E04-F01-002.",
				converter = KeyConverters.TaskKey.class)
		private String key;

		StatusChange(LazyApplicationContext context) {
			this.context = context;
		}

		abstract Task change(TaskService tasks, String key);

		@Override
		public Integer call() {
			Task task = change(this.context.getBean(TaskService.class), this.key);
			this.output.out().println("Task " + task.key() + " is " + task.status() + ".");
			return 0;
		}

	}

	/** {@code pm task start KEY}. */
	@Command(name = "start", mixinStandardHelpOptions = true, description = "Mark a task in_progress.")
	static final class Start extends StatusChange {

		Start(LazyApplicationContext context) {
			super(context);
		}

		@Override
		Task change(TaskService tasks, String key) {
			return tasks.start(key);
		}

	}

	/** {@code pm task block KEY}. */
	@Command(name = "block", mixinStandardHelpOptions = true, description = "Mark a task blocked.")
	static final class Block extends StatusChange {

		Block(LazyApplicationContext context) {
			super(context);
		}

		@Override
		Task change(TaskService tasks, String key) {
			return tasks.block(key);
		}

	}

	/** {@code pm task done KEY}. */
	@Command(name = "done", mixinStandardHelpOptions = true,
			description = "Mark a task completed; refused while a dependency is not completed.")
	static final class Done extends StatusChange {

		Done(LazyApplicationContext context) {
			super(context);
		}

		@Override
		Task change(TaskService tasks, String key) {
			return tasks.complete(key);
		}

	}

	/** {@code pm task import FILE...}. */
	@Command(name = "import", mixinStandardHelpOptions = true,
			description = { "Import task documents (Markdown with YAML front matter), all or nothing.",
					"Fields: task_key, status, feature, created, assigned_agent, dependencies, estimated_time, "
							+ "file_path; the title is the first '# ' heading." })
	static final class Import implements Callable<Integer> {

		private final LazyApplicationContext context;

		@Mixin
		private Output output;

		@Parameters(arity = "1..*", paramLabel = "FILE", description = "Task documents, in any order.")
		private List<Path> files;

		Import(LazyApplicationContext context) {
			this.context = context;
		}

		@Override
		public Integer call() {
			ImportResult result = this.context.getBean(TaskImportService.class).importFiles(this.files);
			this.output.out()
				.println("Imported " + this.files.size() + ((this.files.size() == 1) ? " task" : " tasks") + ": "
						+ result.created().size() + " new, " + result.updated().size() + " updated"
						+ (result.createdFeatures().isEmpty() ? ""
								: "; created " + String.join(", ", result.createdFeatures()))
						+ ".");
			return 0;
		}

	}

}
