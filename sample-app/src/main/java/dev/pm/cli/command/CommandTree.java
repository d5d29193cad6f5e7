package dev.pm.cli.command;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;

/**
 * pm's commands: each group with its subcommands, in the order help lists them, and the
 * command lines built from them.
 * <p>
 * picocli builds its model of a command by reflection on its annotations, for every
 * subcommand a command line has: for all of pm's forty commands, a fifth of a start
 * without a server on JDK 17. A command line gets as much of the tree as its words reach:
 * {@code task list ...} the {@code task} group with {@code list} only,
 * {@code task --help} the group with all its commands, {@code --help} the groups without
 * theirs; anything else (an option before the command, a misspelt command, completion)
 * the whole tree. The tree is kept here rather than in
 * {@code @Command(subcommands = ...)}, which picocli always builds whole.
 */
final class CommandTree {

	private static final List<Node> COMMANDS = List.of(
			node(EpicCommand.class, EpicCommand.Add.class, EpicCommand.ListEpics.class, EpicCommand.Show.class,
					EpicCommand.Update.class, EpicCommand.Delete.class),
			node(FeatureCommand.class, FeatureCommand.Add.class, FeatureCommand.ListFeatures.class,
					FeatureCommand.Show.class, FeatureCommand.Update.class, FeatureCommand.Delete.class),
			node(TaskCommand.class, TaskAddCommand.class, TaskListCommand.class, TaskShowCommand.class,
					TaskHistoryCommand.class, TaskNextCommand.class, TaskClaimCommand.class,
					TaskClaimCommands.Heartbeat.class, TaskClaimCommands.Release.class, TaskUpdateCommand.class,
					TaskTransitionCommands.Start.class, TaskTransitionCommands.Complete.class,
					TaskTransitionCommands.Approve.class, TaskTransitionCommands.Reopen.class,
					TaskTransitionCommands.Block.class, TaskTransitionCommands.Unblock.class,
					TaskTransitionCommands.Archive.class, TaskTransitionCommands.Done.class, TaskMoveCommand.class,
					TaskDeleteCommand.class, TaskImportCommand.class),
			node(HistoryCommand.class), node(McpCommand.class),
			node(DbCommand.class, DbCommand.Status.class, DbCommand.Backup.class, DbRestoreCommand.class,
					DbReplicationCommand.class),
			node(InitCommand.class), node(DemoCommand.class),
			node(ServerCommand.class, ServerCommand.Start.class, ServerCommand.Stop.class, ServerCommand.Status.class),
			node(CompletionCommand.class));

	// The options of pm's own help and version, which mixinStandardHelpOptions gives it.
	private static final Set<String> ROOT_HELP = Set.of("-h", "--help", "-V", "--version");

	private CommandTree() {
	}

	/**
	 * Build the command line of every command.
	 * @param factory the factory of the commands
	 * @return the command line of {@code pm}
	 */
	static CommandLine whole(IFactory factory) {
		return withCommands(factory, COMMANDS);
	}

	/**
	 * Build the command line that a command needs.
	 * @param factory the factory of the commands
	 * @param args the command's arguments
	 * @return the command line of {@code pm} with as much of the tree as {@code args}
	 * reach
	 */
	static CommandLine forArguments(IFactory factory, String[] args) {
		Node group = (args.length > 0) ? group(args[0]) : null;
		if (group != null && group.command() != CompletionCommand.class) {
			// The group, with the subcommand the next word names, else with all of them
			// (its help, a subcommand misspelt, an option before the subcommand).
			Class<?> subcommand = (args.length > 1) ? named(group.subcommands(), args[1]) : null;
			return withCommands(factory, List.of((subcommand != null) ? node(group.command(), subcommand) : group));
		}
		if (args.length == 0 || (args.length == 1 && ROOT_HELP.contains(args[0]))) {
			// pm's own help lists the groups, not what is in them.
			return withCommands(factory, COMMANDS.stream().map((node) -> node(node.command())).toList());
		}
		// Options before the command, a command misspelt, completion of every command.
		return whole(factory);
	}

	private static CommandLine withCommands(IFactory factory, List<Node> nodes) {
		CommandLine pm = new CommandLine(PmCommand.class, factory);
		for (Node node : nodes) {
			add(pm, node.command(), node.subcommands(), factory);
		}
		return pm;
	}

	private static @Nullable Node group(String name) {
		for (Node node : COMMANDS) {
			if (nameOf(node.command()).equals(name)) {
				return node;
			}
		}
		return null;
	}

	private static @Nullable Class<?> named(List<Class<?>> commands, String name) {
		for (Class<?> command : commands) {
			if (nameOf(command).equals(name)) {
				return command;
			}
		}
		return null;
	}

	// The group joins its parent before its subcommands join it: options the parent
	// passes on (--db, --debug) then reach them too.
	private static void add(CommandLine parent, Class<?> command, List<Class<?>> subcommands, IFactory factory) {
		CommandLine group = new CommandLine(command, factory);
		parent.addSubcommand(group);
		for (Class<?> subcommand : subcommands) {
			group.addSubcommand(new CommandLine(subcommand, factory));
		}
	}

	private static String nameOf(Class<?> command) {
		return command.getAnnotation(Command.class).name();
	}

	private static Node node(Class<?> command, Class<?>... subcommands) {
		return new Node(command, List.of(subcommands));
	}

	/**
	 * A command and its subcommands.
	 *
	 * @param command the command
	 * @param subcommands its subcommands, none for a command that is not a group
	 */
	private record Node(Class<?> command, List<Class<?>> subcommands) {
	}

}
