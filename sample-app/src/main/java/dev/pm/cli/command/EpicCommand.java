package dev.pm.cli.command;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import dev.pm.cli.plan.Epic;
import dev.pm.cli.plan.EpicService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pm epic}: adds, lists, shows and deletes epics.
 */
@Command(name = "epic", mixinStandardHelpOptions = true, description = "Add, list, show, update and delete epics.")
public class EpicCommand {

	/** The {@code KEY} of an epic. */
	@Command
	static final class EpicKeyParameter {

		@Parameters(index = "0", paramLabel = "KEY", description = "Epic key, such as E04.",
				converter = KeyConverters.EpicKey.class)
		private String key;

	}

	/** {@code pm epic add KEY TITLE}. */
	@Command(name = "add", mixinStandardHelpOptions = true, description = "Add an epic.")
	static final class Add implements Callable<Integer> {

		@Mixin
		private Session session;

		@Mixin
		private EpicKeyParameter epic;

		@Parameters(index = "1", paramLabel = "TITLE", description = "What the epic delivers, on one line.")
		private String title;

		@Override
		public Integer call() {
			this.session.change(() -> {
				EpicService epics = this.session.bean(EpicService.class);
				epics.add(this.epic.key, this.title, this.session.actor(null));
				return epics.show(this.epic.key).epic();
			}, (epic) -> this.session.out().println("Added epic " + epic.key() + "."));
			return 0;
		}

	}

	/** {@code pm epic list [--json]}. */
	@Command(name = "list", mixinStandardHelpOptions = true,
			description = "List epics with their tasks by status and progress (completed of all but archived).")
	static final class ListEpics implements Callable<Integer> {

		@Mixin
		private Session session;

		@Override
		public Integer call() {
			this.session.showList(() -> this.session.bean(EpicService.class).list(),
					(epics) -> table(this.session.out(), epics));
			return 0;
		}

		static void table(PrintWriter out, List<Epic> epics) {
			Table table = Table.withHeaders(ProgressColumns.headers("KEY", "TITLE", "FEATURES"));
			epics.forEach((epic) -> table
				.row(ProgressColumns.cells(epic.progress(), epic.key(), epic.title(), epic.features())));
			table.print(out, "No epics.");
		}

	}

	/** {@code pm epic show KEY [--json]}. */
	@Command(name = "show", mixinStandardHelpOptions = true, description = "Show an epic, its features and tasks.")
	static final class Show implements Callable<Integer> {

		@Mixin
		private Session session;

		@Mixin
		private EpicKeyParameter epic;

		@Override
		public Integer call() {
			this.session.show(() -> this.session.bean(EpicService.class).show(this.epic.key), (details) -> {
				PrintWriter out = this.session.out();
				ListEpics.table(out, List.of(details.epic()));
				TaskViews.description(out, details.epic().description());
				out.println();
				FeatureCommand.ListFeatures.table(out, details.features());
				out.println();
				TaskViews.list(out, details.tasks());
			});
			return 0;
		}

	}

	/**
	 * {@code pm epic update KEY [--title TEXT] [--description TEXT | --description-file FILE]}.
	 */
	@Command(name = "update", mixinStandardHelpOptions = true,
			description = "Change an epic's title or description (Markdown); an empty description removes it.")
	static final class Update implements Callable<Integer> {

		@Mixin
		private Session session;

		@Mixin
		private EpicKeyParameter epic;

		@Option(names = "--title", paramLabel = "TEXT", description = "What the epic delivers, on one line.")
		private String title;

		@Mixin
		private DescriptionOptions description;

		@Override
		public Integer call() {
			String description = this.description.description();
			this.session.change(
					() -> this.session.bean(EpicService.class)
						.update(this.epic.key, this.title, description, this.session.actor(null)),
					(updated) -> this.session.out().println("Updated epic " + updated.key() + "."));
			return 0;
		}

	}

	/** {@code pm epic delete KEY}. */
	@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an epic that has no features.")
	static final class Delete implements Callable<Integer> {

		@Mixin
		private Session session;

		@Mixin
		private EpicKeyParameter epic;

		@Override
		public Integer call() {
			this.session.delete("epic", this.epic.key,
					() -> this.session.bean(EpicService.class).delete(this.epic.key, this.session.actor(null)));
			return 0;
		}

	}

}
