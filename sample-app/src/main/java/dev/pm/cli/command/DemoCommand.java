package dev.pm.cli.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import dev.pm.cli.launch.LazyApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pm demo}: runs {@link DemoScript} on a fresh temporary database, or on the
 * configured one with {@code --here}, and removes its temporary files afterwards.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
		description = { "Tour pm and pm-db on a fresh temporary database.",
				"Plans a small project, imports task documents, shows a failed transaction rolled back, the rules "
						+ "refusing changes and agents claiming work, then prints the database status. It stops at "
						+ "the first step that does not go as expected. --here uses the configured database "
						+ "instead, which must be empty." })
final class DemoCommand implements Callable<Integer> {

	private final LazyApplicationContext context;

	@Spec
	private CommandSpec spec;

	@Option(names = "--here",
			description = "Use the configured database (--db, PM_DB_PATH, default ~/.pm/pm.db); it must be empty.")
	private boolean here;

	DemoCommand(LazyApplicationContext context) {
		this.context = context;
	}

	@Override
	public Integer call() throws IOException {
		Path workDirectory = Files.createTempDirectory("pm-demo-");
		// Its own application, not the one a pm server shares between commands.
		LazyApplicationContext demo = this.context.fresh();
		try {
			if (!this.here) {
				demo.setProperty("pm.db.path", workDirectory.resolve("pm.db").toString());
			}
			// A database that cannot be opened stops the demo with one error, not one per
			// step.
			if (this.here) {
				EmptyDatabaseGuard.start(demo);
			}
			else {
				demo.start();
			}
			DemoScript.Outcome outcome = new DemoScript(demo, this.spec.commandLine().getOut(), workDirectory).run();
			return switch (outcome) {
				case AS_EXPECTED -> 0;
				case FAILED_BEFORE_ANY_CHANGE -> PmCommandLine.REFUSED;
				// A temporary database is gone afterwards: only --here leaves what the
				// demo did.
				case FAILED_PART_WAY -> this.here ? PmCommandLine.CHANGED_BUT_FAILED : PmCommandLine.REFUSED;
			};
		}
		finally {
			// Close the database before its directory goes.
			demo.close();
			deleteRecursively(workDirectory);
		}
	}

	private static void deleteRecursively(Path directory) throws IOException {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> {
				try {
					Files.delete(path);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

}
