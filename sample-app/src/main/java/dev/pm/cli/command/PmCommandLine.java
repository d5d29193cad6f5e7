package dev.pm.cli.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import dev.pm.cli.launch.CommandTree;
import dev.pm.cli.launch.LazyApplicationContext;
import dev.pm.cli.plan.SingleLine;
import dev.pm.cli.plan.TaskStatus;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

import static dev.pm.cli.launch.CommandTree.group;

/**
 * Builds the command line of {@code pm}: its commands, converters and the error handling
 * that turns every failure into one line on stderr and an exit code.
 */
public final class PmCommandLine {

	/** Exit code of a refused or failed operation. */
	public static final int REFUSED = 1;

	/** Exit code of a usage error. */
	public static final int USAGE = 2;

	/**
	 * Exit code of a command that failed after its change was saved: its output could not
	 * be written, or {@code pm demo --here} failed part-way.
	 */
	public static final int CHANGED_BUT_FAILED = 3;

	// pm's commands, each group with its subcommands in the order help lists them.
	// Completion writes a script of every command.
	private static final CommandTree COMMANDS = new CommandTree(PmCommand.class, List.of(
			group(EpicCommand.class, EpicCommand.Add.class, EpicCommand.ListEpics.class, EpicCommand.Show.class,
					EpicCommand.Update.class, EpicCommand.Delete.class),
			group(FeatureCommand.class, FeatureCommand.Add.class, FeatureCommand.ListFeatures.class,
					FeatureCommand.Show.class, FeatureCommand.Update.class, FeatureCommand.Delete.class),
			group(TaskCommand.class, TaskAddCommand.class, TaskListCommand.class, TaskShowCommand.class,
					TaskHistoryCommand.class, TaskNextCommand.class, TaskClaimCommand.class,
					TaskClaimCommands.Heartbeat.class, TaskClaimCommands.Release.class, TaskUpdateCommand.class,
					TaskTransitionCommands.Start.class, TaskTransitionCommands.Complete.class,
					TaskTransitionCommands.Approve.class, TaskTransitionCommands.Reopen.class,
					TaskTransitionCommands.Block.class, TaskTransitionCommands.Unblock.class,
					TaskTransitionCommands.Archive.class, TaskTransitionCommands.Done.class, TaskMoveCommand.class,
					TaskDeleteCommand.class, TaskImportCommand.class),
			group(HistoryCommand.class), group(McpCommand.class),
			group(DbCommand.class, DbCommand.Status.class, DbCommand.Backup.class, DbRestoreCommand.class,
					DbReplicationCommand.class),
			group(InitCommand.class), group(DemoCommand.class),
			group(ServerCommand.class, ServerCommand.Start.class, ServerCommand.Stop.class, ServerCommand.Status.class),
			group(CompletionCommand.class)), Set.of(CompletionCommand.class));

	private static final Set<String> SINGLE_LINE_OPTIONS = Set.of("--agent", "--agent-type", "--estimate", "--notes",
			"--reason", "--title");

	private PmCommandLine() {
	}

	/**
	 * Creates the command line of every command.
	 * @param context the application the commands use, started only if a command needs it
	 * @return the command line, ready to {@code execute}
	 */
	public static CommandLine create(LazyApplicationContext context) {
		return configure(COMMANDS.whole(new CommandFactory(context)), context);
	}

	/**
	 * Creates the command line that one command needs: for {@code task list ...}, that
	 * group and subcommand only (see {@link CommandTree}).
	 * @param context the application the commands use, started only if a command needs it
	 * @param args the command's arguments
	 * @return the command line, ready to {@code execute} those arguments
	 */
	public static CommandLine create(LazyApplicationContext context, String[] args) {
		return configure(COMMANDS.forArguments(new CommandFactory(context), args), context);
	}

	private static CommandLine configure(CommandLine commandLine, LazyApplicationContext context) {
		// @FILE arguments are expanded where pm starts, against the caller's directory
		// (ArgumentFiles): the server must not read files a request names.
		commandLine.setExpandAtFiles(false);
		commandLine.registerConverter(TaskStatus.class, PmCommandLine::status);
		// Files in arguments are the caller's: the pm server runs in another directory.
		commandLine.registerConverter(Path.class,
				(value) -> context.workingDirectory().resolve(Path.of(value)).normalize());
		commandLine.setExecutionStrategy((parseResult) -> {
			applyGlobalOptions(parseResult, context);
			return new CommandLine.RunLast().execute(parseResult);
		});
		commandLine.setExecutionExceptionHandler(new ErrorReporter(context));
		commandLine.setParameterExceptionHandler(PmCommandLine::usageError);
		return commandLine;
	}

	/**
	 * {@code --db} may come after any command, as inherited options do: take it from
	 * where it is.
	 */
	private static void applyGlobalOptions(ParseResult parseResult, LazyApplicationContext context) {
		context.databaseFlag(null);
		for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
			requireSingleLines(result);
			if (result.hasMatchedOption("--db")) {
				Path database = result.matchedOptionValue("--db", null);
				context.databaseFlag(database.toString());
				context.setProperty("pm.db.path", database.toString());
			}
		}
	}

	/**
	 * Refuses control characters in the options of one line, before anything is changed.
	 * ({@code --description} may have line breaks.)
	 */
	private static void requireSingleLines(ParseResult result) {
		for (OptionSpec option : result.matchedOptions()) {
			if (SINGLE_LINE_OPTIONS.contains(option.longestName()) && option.getValue() instanceof String value
					&& !SingleLine.isValid(value)) {
				throw new ParameterException(result.commandSpec().commandLine(), SingleLine.rule(option.longestName()));
			}
		}
	}

	private static TaskStatus status(String value) {
		try {
			return TaskStatus.of(value);
		}
		catch (IllegalArgumentException ex) {
			throw new TypeConversionException(ex.getMessage());
		}
	}

	private static int usageError(ParameterException ex, String[] args) {
		CommandLine command = ex.getCommandLine();
		command.getErr()
			.println("pm: " + ex.getMessage() + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
		return USAGE;
	}

}
