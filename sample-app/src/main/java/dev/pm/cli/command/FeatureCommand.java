package dev.pm.cli.command;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import dev.pm.cli.plan.Feature;
import dev.pm.cli.plan.FeatureService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pm feature}: adds, lists, shows and deletes features.
 */
@Command(name = "feature", mixinStandardHelpOptions = true,
		description = "Add, list, show, update and delete features.")
public class FeatureCommand {

	/** The {@code KEY} of a feature. */
	@Command
	static final class FeatureKeyParameter {

		@Parameters(index = "0", paramLabel = "KEY", description = "Feature key, such as E04-F01.",
				converter = KeyConverters.FeatureKey.class)
		private String key;

	}

	/** {@code pm feature add KEY TITLE --epic KEY}. */
	@Command(name = "add", mixinStandardHelpOptions = true, description = "Add a feature to an epic.")
	static final class Add implements Callable<Integer> {

		@Mixin
		private Session session;

		@Mixin
		private FeatureKeyParameter feature;

		@Parameters(index = "1", paramLabel = "TITLE", description = "What the feature delivers, on one line.")
		private String title;

		@Option(names = "--epic", required = true, paramLabel = "KEY", description = "The epic, such as E04.",
				converter = KeyConverters.EpicKey.class)
		private String epic;

		@Override
		public Integer call() {
			this.session.change(() -> {
				FeatureService features = this.session.bean(FeatureService.class);
				features.add(this.feature.key, this.title, this.epic, this.session.actor(null));
				return features.show(this.feature.key).feature();
			}, (feature) -> this.session.out()
				.println("Added feature " + feature.key() + " to epic " + feature.epic() + "."));
			return 0;
		}

	}

	/** {@code pm feature list [--epic KEY] [--json]}. */
	@Command(name = "list", mixinStandardHelpOptions = true,
			description = "List features with their tasks by status and progress (completed of all but archived).")
	static final class ListFeatures implements Callable<Integer> {

		@Mixin
		private Session session;

		@Option(names = "--epic", paramLabel = "KEY", description = "Only the features of this epic.",
				converter = KeyConverters.EpicKey.class)
		private String epic;

		@Override
		public Integer call() {
			this.session.showList(() -> this.session.bean(FeatureService.class).list(this.epic),
					(features) -> table(this.session.out(), features));
			return 0;
		}

		static void table(PrintWriter out, List<Feature> features) {
			Table table = Table.withHeaders(ProgressColumns.headers("KEY", "EPIC", "TITLE"));
			features.forEach((feature) -> table
				.row(ProgressColumns.cells(feature.progress(), feature.key(), feature.epic(), feature.title())));
			table.print(out, "No features.");
		}

	}

	/** {@code pm feature show KEY [--json]}. */
	@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a feature and its tasks.")
	static final class Show implements Callable<Integer> {

		@Mixin
		private Session session;

		@Mixin
		private FeatureKeyParameter feature;

		@Override
		public Integer call() {
			this.session.show(() -> this.session.bean(FeatureService.class).show(this.feature.key), (details) -> {
				PrintWriter out = this.session.out();
				ListFeatures.table(out, List.of(details.feature()));
				TaskViews.description(out, details.feature().description());
				out.println();
				TaskViews.list(out, details.tasks());
			});
			return 0;
		}

	}

	/**
	 * {@code pm feature update KEY [--title TEXT] [--description TEXT | --description-file FILE]}.
	 */
	@Command(name = "update", mixinStandardHelpOptions = true,
			description = "Change a feature's title or description (Markdown); an empty description removes it.")
	static final class Update implements Callable<Integer> {

		@Mixin
		private Session session;

		@Mixin
		private FeatureKeyParameter feature;

		@Option(names = "--title", paramLabel = "TEXT", description = "What the feature delivers, on one line.")
		private String title;

		@Mixin
		private DescriptionOptions description;

		@Override
		public Integer call() {
			String description = this.description.description();
			this.session.change(
					() -> this.session.bean(FeatureService.class)
						.update(this.feature.key, this.title, description, this.session.actor(null)),
					(updated) -> this.session.out().println("Updated feature " + updated.key() + "."));
			return 0;
		}

	}

	/** {@code pm feature delete KEY}. */
	@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a feature that has no tasks.")
	static final class Delete implements Callable<Integer> {

		@Mixin
		private Session session;

		@Mixin
		private FeatureKeyParameter feature;

		@Override
		public Integer call() {
			this.session.delete("feature", this.feature.key,
					() -> this.session.bean(FeatureService.class).delete(this.feature.key, this.session.actor(null)));
			return 0;
		}

	}

}
