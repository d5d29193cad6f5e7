package dev.pm.cli.command;

import java.util.List;
import java.util.concurrent.Callable;

import dev.pm.cli.plan.Feature;
import dev.pm.cli.plan.FeatureService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pm feature}: adds, lists and deletes features.
 */
@Command(name = "feature", mixinStandardHelpOptions = true, description = "Add, list and delete features.",
		subcommands = { FeatureCommand.Add.class, FeatureCommand.ListFeatures.class, FeatureCommand.Delete.class })
public class FeatureCommand {

	/** {@code pm feature add KEY TITLE --epic KEY}. */
	@Command(name = "add", mixinStandardHelpOptions = true, description = "Add a feature to an epic.")
	static final class Add implements Callable<Integer> {

		private final LazyApplicationContext context;

		@Mixin
		private Output output;

		@Parameters(index = "0", paramLabel = "KEY", description = "Feature key, such as E04-F01.",
				converter = KeyConverters.FeatureKey.class)
		private String key;

		@Parameters(index = "1", paramLabel = "TITLE", description = "What the feature delivers.")
		private String title;

		@Option(names = "--epic", required = true, paramLabel = "KEY", description = "The epic, such as E04.",
				converter = KeyConverters.EpicKey.class)
		private String epic;

		Add(LazyApplicationContext context) {
			this.context = context;
		}

		@Override
		public Integer call() {
			this.context.getBean(FeatureService.class).add(this.key, this.title, this.epic);
			this.output.out().println("Added feature " + this.key + " to epic " + this.epic + ".");
			return 0;
		}

	}

	/** {@code pm feature list [--epic KEY]}. */
	@Command(name = "list", mixinStandardHelpOptions = true, description = "List features.")
	static final class ListFeatures implements Callable<Integer> {

		private final LazyApplicationContext context;

		@Mixin
		private Output output;

		@Option(names = "--epic", paramLabel = "KEY", description = "Only the features of this epic.",
				converter = KeyConverters.EpicKey.class)
		private String epic;

		@Option(names = "--json", description = "Print JSON for scripts.")
		private boolean json;

		ListFeatures(LazyApplicationContext context) {
			this.context = context;
		}

		@Override
		public Integer call() {
			List<Feature> features = this.context.getBean(FeatureService.class).list(this.epic);
			if (this.json) {
				JsonOutput.print(this.output.out(), features);
				return 0;
			}
			Table table = Table.withHeaders("KEY", "EPIC", "TITLE", "DONE", "CREATED");
			features.forEach((feature) -> table.row(feature.key(), feature.epic(), feature.title(),
					feature.completed() + "/" + feature.tasks(), feature.created()));
			table.print(this.output.out(), "No features.");
			return 0;
		}

	}

	/** {@code pm feature delete KEY}. */
	@Command(name = "delete", mixinStandardHelpOptions = true,
			description = "Delete a feature that has no tasks.")
	static final class Delete implements Callable<Integer> {

		private final LazyApplicationContext context;

		@Mixin
		private Output output;

		@Parameters(index = "0", paramLabel = "KEY", description = "Feature key, such as E04-F01.",
				converter = KeyConverters.FeatureKey.class)
		private String key;

		Delete(LazyApplicationContext context) {
			this.context = context;
		}

		@Override
		public Integer call() {
			this.context.getBean(FeatureService.class).delete(this.key);
			this.output.out().println("Deleted feature " + this.key + ".");
			return 0;
		}

	}

}
