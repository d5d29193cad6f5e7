package dev.pm.cli.command;

import java.util.concurrent.Callable;

import dev.pm.cli.plan.ClaimService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The commands that keep a claim alive and give it up.
 */
final class TaskClaimCommands {

	private TaskClaimCommands() {
	}

	/** {@code pm task heartbeat KEY [--agent NAME]}. */
	@Command(name = "heartbeat", mixinStandardHelpOptions = true,
			description = { "Renew the lease of the agent's claim of an in_progress task.",
					"Refused if the agent does not hold the task (its claim expired, or it was never theirs)." })
	static final class Heartbeat implements Callable<Integer> {

		@Mixin
		private Session session;

		@Mixin
		private TaskKeyParameter task;

		@Option(names = "--agent", paramLabel = "NAME", description = "Who holds it; default PM_AGENT, else USER.")
		private String agent;

		@Override
		public Integer call() {
			this.session
				.change(() -> this.session.bean(
						ClaimService.class)
					.heartbeat(this.task.key(), this.session.actor(this.agent)),
						(task) -> this.session.out()
							.println("Task " + task.key() + " is claimed by " + task.agent()
									+ ((task.leaseExpiresAt() != null) ? " until " + task.leaseExpiresAt()
											: ", without expiry")
									+ "."));
			return 0;
		}

	}

	/** {@code pm task release KEY}. */
	@Command(name = "release", mixinStandardHelpOptions = true,
			description = "Give up the claim of an in_progress task: back to todo, assigned to nobody.")
	static final class Release implements Callable<Integer> {

		@Mixin
		private Session session;

		@Mixin
		private TaskKeyParameter task;

		@Override
		public Integer call() {
			this.session.change(
					() -> this.session.bean(ClaimService.class).release(this.task.key(), this.session.actor(null)),
					(task) -> this.session.out().println(TaskViews.changed(task)));
			return 0;
		}

	}

}
