package dev.pm.cli.launch;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;

/**
 * The commands of a command line, each group with its subcommands in the order help lists
 * them, and the command lines built from them.
 * <p>
 * picocli builds its model of a command by reflection on its annotations, for every
 * subcommand a command line has: for all of pm's forty commands, a fifth of a start
 * without a server on JDK 17. A command line gets as much of the tree as its words reach:
 * {@code task list ...} the {@code task} group with {@code list} only,
 * {@code task --help} the group with all its commands, {@code --help} the groups without
 * theirs; anything else (an option before the command, a misspelt command, a group that
 * needs every command) the whole tree. The tree is kept here rather than in
 * {@code @Command(subcommands = ...)}, which picocli always builds whole.
 *
 * @author pm-db
 */
public final class CommandTree {

	// The options of the root's own help and version, which mixinStandardHelpOptions
	// gives it.
	private static final Set<String> ROOT_HELP = Set.of("-h", "--help", "-V", "--version");

	private final Class<?> root;

	private final List<Group> groups;

	private final Set<Class<?>> needingEveryCommand;

	/**
	 * Creates the tree of a command line.
	 * @param root the command of the command line itself
	 * @param groups its commands, each with its subcommands
	 * @param needingEveryCommand the commands among {@code groups} that see the whole
	 * tree (a completion script of every command)
	 */
	public CommandTree(Class<?> root, List<Group> groups, Set<Class<?>> needingEveryCommand) {
		this.root = root;
		this.groups = List.copyOf(groups);
		this.needingEveryCommand = Set.copyOf(needingEveryCommand);
	}

	/**
	 * Returns a command and its subcommands.
	 * @param command the command
	 * @param subcommands its subcommands, none for a command that is not a group
	 * @return the group
	 */
	public static Group group(Class<?> command, Class<?>... subcommands) {
		return new Group(command, List.of(subcommands));
	}

	/**
	 * Builds the command line of every command.
	 * @param factory the factory of the commands
	 * @return the command line
	 */
	public CommandLine whole(IFactory factory) {
		return withCommands(factory, this.groups);
	}

	/**
	 * Builds the command line that a command needs.
	 * @param factory the factory of the commands
	 * @param args the command's arguments
	 * @return the command line with as much of the tree as {@code args} reach
	 */
	public CommandLine forArguments(IFactory factory, String[] args) {
		Group group = (args.length > 0) ? group(args[0]) : null;
		if (group != null && !this.needingEveryCommand.contains(group.command())) {
			// The group, with the subcommand the next word names, else with all of them
			// (its help, a subcommand misspelt, an option before the subcommand).
			Class<?> subcommand = (args.length > 1) ? named(group.subcommands(), args[1]) : null;
			return withCommands(factory, List.of((subcommand != null) ? group(group.command(), subcommand) : group));
		}
		if (args.length == 0 || (args.length == 1 && ROOT_HELP.contains(args[0]))) {
			// The root's own help lists the groups, not what is in them.
			return withCommands(factory, this.groups.stream().map((each) -> group(each.command())).toList());
		}
		// Options before the command, a command misspelt, a command that needs every
		// command.
		return whole(factory);
	}

	private CommandLine withCommands(IFactory factory, List<Group> groups) {
		CommandLine commandLine = new CommandLine(this.root, factory);
		for (Group group : groups) {
			add(commandLine, group, factory);
		}
		return commandLine;
	}

	private @Nullable Group group(String name) {
		for (Group group : this.groups) {
			if (nameOf(group.command()).equals(name)) {
				return group;
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
	private static void add(CommandLine parent, Group group, IFactory factory) {
		CommandLine commandLine = new CommandLine(group.command(), factory);
		parent.addSubcommand(commandLine);
		for (Class<?> subcommand : group.subcommands()) {
			commandLine.addSubcommand(new CommandLine(subcommand, factory));
		}
	}

	private static String nameOf(Class<?> command) {
		return command.getAnnotation(Command.class).name();
	}

	/**
	 * A command and its subcommands.
	 *
	 * @param command the command
	 * @param subcommands its subcommands, none for a command that is not a group
	 */
	public record Group(Class<?> command, List<Class<?>> subcommands) {
	}

}
