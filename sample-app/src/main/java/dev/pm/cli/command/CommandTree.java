package dev.pm.cli.command;

import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;

/**
 * pm's commands: each group with its subcommands, in the order help lists them, and the
 * command lines built from them.
 * <p>
 * picocli builds its model of a command by reflection on its annotations, for every
 * subcommand a command line has: for all of pm's forty commands, a fifth of a start
 * without a server on JDK 17. A command line whose first two words name a group and one
 * of its subcommands ({@code task list ...}) needs those two only, and gets only them;
 * any other (help, a usage error, a command to complete) gets the whole tree. The tree is
 * kept here rather than in {@code @Command(subcommands = ...)}, which picocli always
 * builds whole.
 */
final class CommandTree {

	private static final List<Node> COMMANDS = List.of(
			node(EpicCommand.class, EpicCommand.Add.class, EpicCommand.ListEpics.class, EpicCommand.Show.class,
					EpicCommand.Delete.class),
			node(FeatureCommand.class, FeatureCommand.Add.class, FeatureCommand.ListFeatures.class,
					FeatureCommand.Show.class, FeatureCommand.Delete.class),
			node(TaskCommand.class, TaskAddCommand.class, TaskListCommand.class, TaskShowCommand.class,
					TaskHistoryCommand.class, TaskNextCommand.class, TaskClaimCommand.class,
					TaskTransitionCommands.Start.class, TaskTransitionCommands.Complete.class,
					TaskTransitionCommands.Approve.class, TaskTransitionCommands.Reopen.class,
					TaskTransitionCommands.Block.class, TaskTransitionCommands.Unblock.class,
					TaskTransitionCommands.Archive.class, TaskTransitionCommands.Done.class, TaskMoveCommand.class,
					TaskDeleteCommand.class, TaskImportCommand.class),
			node(DbCommand.class, DbCommand.Status.class, DbCommand.Backup.class), node(DemoCommand.class),
			node(ServerCommand.class, ServerCommand.Start.class, ServerCommand.Stop.class, ServerCommand.Status.class),
			node(CompletionCommand.class));

	private CommandTree() {
	}

	/**
	 * Build the command line of every command.
	 * @param factory the factory of the commands
	 * @return the command line of {@code pm}
	 */
	static CommandLine whole(IFactory factory) {
		CommandLine pm = new CommandLine(PmCommand.class, factory);
		for (Node node : COMMANDS) {
			add(pm, node.command(), node.subcommands(), factory);
		}
		return pm;
	}

	/**
	 * Build the command line that a command needs.
	 * @param factory the factory of the commands
	 * @param args the command's arguments
	 * @return the command line of {@code pm} with the group and subcommand that
	 * {@code args} name, or with every command
	 */
	static CommandLine forArguments(IFactory factory, String[] args) {
		if (args.length >= 2) {
			for (Node node : COMMANDS) {
				if (nameOf(node.command()).equals(args[0])) {
					for (Class<?> subcommand : node.subcommands()) {
						if (nameOf(subcommand).equals(args[1])) {
							CommandLine pm = new CommandLine(PmCommand.class, factory);
							add(pm, node.command(), List.of(subcommand), factory);
							return pm;
						}
					}
				}
			}
		}
		return whole(factory);
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
