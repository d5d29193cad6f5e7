package dev.pm.cli.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pm demo}: runs {@link DemoScript} on a fresh temporary database, or on the configured one
 * with {@code --here}, and removes its temporary files afterwards.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
		description = { "Tour pm and pm-db on a fresh temporary database.",
				"Plans a small project, imports task documents, shows a failed transaction rolled back and the "
						+ "rules refusing changes, then prints the database status. --here uses the configured "
						+ "database instead." })
final class DemoCommand implements Callable<Integer> {

	private final LazyApplicationContext context;

	@Mixin
	private Output output;

	@Option(names = "--here", description = "Use the configured database (PM_DB_PATH, default ~/.pm/pm.db).")
	private boolean here;

	DemoCommand(LazyApplicationContext context) {
		this.context = context;
	}

	@Override
	public Integer call() throws IOException {
		Path workDirectory = Files.createTempDirectory("pm-demo-");
		try {
			if (!this.here) {
				this.context.setProperty("pm.db.path", workDirectory.resolve("pm.db").toString());
			}
			// A database that cannot be opened stops the demo with one error, not one per step.
			this.context.start();
			boolean asExpected = new DemoScript(this.context, this.output.out(), workDirectory).run();
			return asExpected ? 0 : PmCommandLine.REFUSED;
		}
		finally {
			// Close the database before its directory goes.
			this.context.close();
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
