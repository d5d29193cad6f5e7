package dev.pm.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code pm}: the root command, which only groups the others.
 */
@Command(name = "pm", mixinStandardHelpOptions = true, version = "pm 0.1.0",
		description = "Plan work as epics, features and tasks.%nDatabase: PM_DB_PATH, default ~/.pm/pm.db.",
		subcommands = { EpicCommand.class, FeatureCommand.class, TaskCommand.class, DbCommand.class,
				DemoCommand.class },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:success", "1:the operation was refused or failed; nothing changed", "2:usage error" })
public class PmCommand {

	// Read by ErrorReporter from the parse result; a field is still needed to declare the option.
	@Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print the stack trace of an error.")
	boolean debug;

}
