package dev.pm.cli.command;

import java.util.List;
import java.util.concurrent.Callable;

import dev.pm.cli.plan.Epic;
import dev.pm.cli.plan.EpicService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pm epic}: adds and lists epics.
 */
@Command(name = "epic", mixinStandardHelpOptions = true, description = "Add and list epics.",
		subcommands = { EpicCommand.Add.class, EpicCommand.ListEpics.class })
public class EpicCommand {

	/** {@code pm epic add KEY TITLE}. */
	@Command(name = "add", mixinStandardHelpOptions = true, description = "Add an epic.")
	static final class Add implements Callable<Integer> {

		private final LazyApplicationContext context;

		@Mixin
		private Output output;

		@Parameters(index = "0", paramLabel = "KEY", description = "Epic key, such as E04.",
				converter = KeyConverters.EpicKey.class)
		private String key;

		@Parameters(index = "1", paramLabel = "TITLE", description = "What the epic delivers.")
		private String title;

		Add(LazyApplicationContext context) {
			this.context = context;
		}

		@Override
		public Integer call() {
			this.context.getBean(EpicService.class).add(this.key, this.title);
			this.output.out().println("Added epic " + this.key + ".");
			return 0;
		}

	}

	/** {@code pm epic list}. */
	@Command(name = "list", mixinStandardHelpOptions = true, description = "List epics.")
	static final class ListEpics implements Callable<Integer> {

		private final LazyApplicationContext context;

		@Mixin
		private Output output;

		@Option(names = "--json", description = "Print JSON for scripts.")
		private boolean json;

		ListEpics(LazyApplicationContext context) {
			this.context = context;
		}

		@Override
		public Integer call() {
			List<Epic> epics = this.context.getBean(EpicService.class).list();
			if (this.json) {
				JsonOutput.print(this.output.out(), epics);
				return 0;
			}
			Table table = Table.withHeaders("KEY", "TITLE", "FEATURES", "CREATED");
			epics.forEach((epic) -> table.row(epic.key(), epic.title(), epic.features(), epic.created()));
			table.print(this.output.out(), "No epics.");
			return 0;
		}

	}

}
