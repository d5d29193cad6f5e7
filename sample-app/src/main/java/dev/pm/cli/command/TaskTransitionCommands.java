package dev.pm.cli.command;

import java.util.concurrent.Callable;

import dev.pm.cli.plan.TaskService;
import dev.pm.cli.plan.Transition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The commands that move one task through its lifecycle, one per {@link Transition}. Each
 * is refused with {@code cannot <verb> KEY: it is <status>} when the task may not leave
 * its status that way.
 */
final class TaskTransitionCommands {

	private TaskTransitionCommands() {
	}

	/**
	 * What every transition command does; subclasses name the transition and add their
	 * options.
	 */
	abstract static class TransitionCommand implements Callable<Integer> {

		@Mixin
		private Session session;

		@Mixin
		private TaskKeyParameter task;

		private final Transition transition;

		TransitionCommand(Transition transition) {
			this.transition = transition;
		}

		/**
		 * The {@code --agent} given, or {@code null} for {@code PM_AGENT} or
		 * {@code USER}.
		 */
		String agent() {
			return null;
		}

		/** What the user says, recorded in the history. */
		String notes() {
			return null;
		}

		@Override
		public Integer call() {
			this.session.change(
					() -> this.session.bean(TaskService.class)
						.change(this.transition, this.task.key(), this.session.actor(agent()), notes()),
					(task) -> this.session.out().println(TaskViews.changed(task)));
			return 0;
		}

	}

	/** {@code pm task start KEY [--agent NAME]}. */
	@Command(name = "start", mixinStandardHelpOptions = true,
			description = "Start a todo task: in_progress, assigned to the agent, started now.")
	static final class Start extends TransitionCommand {

		@Option(names = "--agent", paramLabel = "NAME", description = "Who starts it; default PM_AGENT, else USER.")
		private String agent;

		Start() {
			super(Transition.START);
		}

		@Override
		String agent() {
			return this.agent;
		}

	}

	/** {@code pm task complete KEY [--notes TEXT]}. */
	@Command(name = "complete", mixinStandardHelpOptions = true,
			description = "Hand in an in_progress task for review: ready_for_review.")
	static final class Complete extends TransitionCommand {

		@Option(names = "--notes", paramLabel = "TEXT", description = "What was done, for the reviewer.")
		private String notes;

		Complete() {
			super(Transition.COMPLETE);
		}

		@Override
		String notes() {
			return this.notes;
		}

	}

	/** {@code pm task approve KEY [--notes TEXT]}. */
	@Command(name = "approve", mixinStandardHelpOptions = true,
			description = "Approve a task ready_for_review: completed; refused while a dependency is not completed.")
	static final class Approve extends TransitionCommand {

		@Option(names = "--notes", paramLabel = "TEXT", description = "The review.")
		private String notes;

		Approve() {
			super(Transition.APPROVE);
		}

		@Override
		String notes() {
			return this.notes;
		}

	}

	/** {@code pm task reopen KEY --notes TEXT}. */
	@Command(name = "reopen", mixinStandardHelpOptions = true,
			description = { "Send a task back to in_progress for rework.",
					"From ready_for_review or completed; refused while a completed task depends on it." })
	static final class Reopen extends TransitionCommand {

		@Option(names = "--notes", required = true, paramLabel = "TEXT", description = "What is to be reworked.")
		private String notes;

		Reopen() {
			super(Transition.REOPEN);
		}

		@Override
		String notes() {
			return this.notes;
		}

	}

	/** {@code pm task block KEY --reason TEXT}. */
	@Command(name = "block", mixinStandardHelpOptions = true,
			description = "Block a todo or in_progress task, saying why.")
	static final class Block extends TransitionCommand {

		@Option(names = "--reason", required = true, paramLabel = "TEXT",
				description = "What it waits for; shown by show and list.")
		private String reason;

		Block() {
			super(Transition.BLOCK);
		}

		@Override
		String notes() {
			return this.reason;
		}

	}

	/** {@code pm task unblock KEY}. */
	@Command(name = "unblock", mixinStandardHelpOptions = true,
			description = "Put a blocked task back to todo, clearing its reason.")
	static final class Unblock extends TransitionCommand {

		Unblock() {
			super(Transition.UNBLOCK);
		}

	}

	/** {@code pm task archive KEY}. */
	@Command(name = "archive", mixinStandardHelpOptions = true,
			description = "Archive a completed task: hidden from list unless --all or --status archived.")
	static final class Archive extends TransitionCommand {

		Archive() {
			super(Transition.ARCHIVE);
		}

	}

	/** {@code pm task done KEY}. */
	@Command(name = "done", mixinStandardHelpOptions = true,
			description = { "Complete a todo or in_progress task at once, without review (for people).",
					"Refused while a dependency is not completed. Agents use complete, and a reviewer approve." })
	static final class Done extends TransitionCommand {

		Done() {
			super(Transition.DONE);
		}

	}

}
