package dev.pm.cli.command;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.pm.cli.launch.LazyApplicationContext;
import dev.pm.cli.plan.PlanException;
import dev.pm.cli.transport.DatabaseLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code pm init}: creates the project's database, {@code .pm/pm.db} in the working
 * directory, which pm finds from there and every directory below (as git finds
 * {@code .git}), unless {@code --db}, {@code PM_DB_URL} or {@code PM_DB_PATH} name
 * another.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
		description = { "Create this project's database, .pm/pm.db in the working directory: pm commands run here "
				+ "and in the directories below use it (unless --db, PM_DB_URL or PM_DB_PATH name another)." })
final class InitCommand implements Callable<Integer> {

	private final LazyApplicationContext context;

	@Mixin
	private Session session;

	InitCommand(LazyApplicationContext context) {
		this.context = context;
	}

	@Override
	public Integer call() {
		Path database = DatabaseLocation.initializedIn(this.context.workingDirectory()).path();
		if (Files.exists(database, LinkOption.NOFOLLOW_LINKS)) {
			throw new PlanException("this directory has a pm database already, " + database + "; nothing was changed");
		}
		this.context.setProperty("pm.db.path", database.toString());
		// Starting the application creates the file (private, in a private .pm) and
		// migrates it.
		this.session.show(() -> {
			this.context.start();
			return Map.of("database", database.toString());
		}, (created) -> this.session.out()
			.println("Created " + database + ": pm commands in " + this.context.workingDirectory()
					+ " and below use it."));
		return 0;
	}

}
