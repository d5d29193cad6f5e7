package dev.pm.cli.command;

import java.time.Duration;
import java.util.concurrent.Callable;

import dev.pm.cli.plan.TaskService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pm task claim [--agent NAME] [--agent-type T] [--epic KEY] [--feature KEY] [--lease DURATION] [--json]}.
 */
@Command(name = "claim", mixinStandardHelpOptions = true,
		description = { "Take the next task and start it, in one transaction.",
				"Agents claiming at the same moment never receive the same task. None available is not an error "
						+ "(exit 0)." })
final class TaskClaimCommand implements Callable<Integer> {

	@Mixin
	private Session session;

	@Mixin
	private WorkFilterOptions filter;

	@Option(names = "--agent", paramLabel = "NAME", description = "Who claims it; default PM_AGENT, else USER.")
	private String agent;

	@Option(names = "--lease", paramLabel = "DURATION", converter = LeaseDuration.Converter.class,
			description = { "How long the claim lasts without 'pm task heartbeat' (such as 30m, 2h; none: no expiry);",
					"default PM_CLAIM_LEASE, else none. An expired claim returns the task to todo." })
	private Duration lease;

	@Override
	public Integer call() {
		Duration lease = LeaseDuration.resolve(this.lease, this.session.environment());
		this.session.change(
				() -> this.session.bean(TaskService.class)
					.claim(this.filter.filter(), this.session.actor(this.agent), lease),
				(claimed) -> TaskViews.availability(this.session.out(), claimed, "Claimed"));
		return 0;
	}

}
