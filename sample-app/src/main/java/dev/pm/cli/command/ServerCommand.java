package dev.pm.cli.command;

import java.util.concurrent.Callable;

import dev.pm.cli.plan.PlanException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pm server start|stop|status}: the client does these itself; they reach this
 * process only when it runs without the server ({@code PM_SERVER=off},
 * {@code --no-server}, or where the client cannot run), which they explain.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
		description = { "Start, stop or show the pm server of the database.",
				"The server owns the database's connection and runs every pm command for it: pm starts it when none "
						+ "runs, and it stops after PM_SERVER_IDLE (default 15m) without a command." })
public class ServerCommand {

	/** What each subcommand does. */
	abstract static class Action implements Callable<Integer> {

		@Override
		public Integer call() {
			throw new PlanException("the pm server is off for this command (PM_SERVER=off or --no-server), or this "
					+ "system cannot run it; run pm server without them, through the pm launcher");
		}

	}

	/** {@code pm server start}. */
	@Command(name = "start", mixinStandardHelpOptions = true,
			description = "Start the server of the database, unless it runs, and show it.")
	static final class Start extends Action {

		// Read by the client, which answers this command itself.
		@Option(names = "--json", description = "Print JSON for scripts (shape in sample-app/README.md).")
		boolean json;

	}

	/** {@code pm server stop}. */
	@Command(name = "stop", mixinStandardHelpOptions = true,
			description = "Stop the server of the database: running commands finish, the database is closed.")
	static final class Stop extends Action {

	}

	/** {@code pm server status}. */
	@Command(name = "status", mixinStandardHelpOptions = true,
			description = "Show whether a server runs for the database, its process, socket and log.")
	static final class Status extends Action {

		// Read by the client, which answers this command itself.
		@Option(names = "--json", description = "Print JSON for scripts (shape in sample-app/README.md).")
		boolean json;

	}

}
