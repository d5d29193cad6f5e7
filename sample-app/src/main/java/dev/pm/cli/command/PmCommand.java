package dev.pm.cli.command;

import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code pm}: the root command, which groups the others (their tree is
 * {@link CommandTree}) and declares the options every command has.
 */
@Command(name = "pm", mixinStandardHelpOptions = true, version = "pm 0.2.0",
		description = {
				"Plan work as epics, features and tasks.%nDatabase: --db, else PM_DB_PATH, else the first "
						+ ".pm/pm.db in the working directory or above it (pm init), else ~/.pm/pm.db.",
				"Commands run in the pm server of the database, started when none runs; PM_SERVER=off or "
						+ "--no-server runs them in this process." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:success", "1:the operation was refused or failed; nothing changed", "2:usage error",
				"3:failed after the change was saved (its output lost, the server gone, pm demo --here part-way)" })
public class PmCommand {

	// Read by PmCommandLine and ErrorReporter from the parse result; fields are still
	// needed to declare the options.
	@Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print the stack trace of an error.")
	boolean debug;

	@Option(names = "--db", scope = ScopeType.INHERIT, paramLabel = "PATH",
			description = "The database file, instead of PM_DB_PATH or the project's .pm/pm.db.")
	Path database;

	// Read by the launcher and the client, which run the command in this process.
	@Option(names = "--no-server", scope = ScopeType.INHERIT,
			description = "Run in this process, without the pm server (as PM_SERVER=off).")
	boolean noServer;

}
