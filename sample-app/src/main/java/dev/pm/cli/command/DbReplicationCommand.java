package dev.pm.cli.command;

import java.util.Locale;
import java.util.concurrent.Callable;

import dev.pm.cli.plan.PlanException;
import dev.pm.cli.status.DatabaseStatusService;
import dev.pm.db.autoconfigure.PmDbProperties;
import dev.pm.db.replication.ReplicationStatus;
import dev.pm.db.replication.Replicator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code pm db replication [--json]}: where the replica of
 * {@code PM_DB_REPLICATION_TARGET} stands, as the process that replicates sees it (the pm
 * server, or this command's own pm, which replicates once before it answers). Exit code 1
 * while the target fails.
 */
@Command(name = "replication", mixinStandardHelpOptions = true,
		description = { "Show the replication of the database into PM_DB_REPLICATION_TARGET: the target, its"
				+ " generation, the last segment written, the lag (how much committed work may be missing from"
				+ " the replica) and the last error. Exit code 1 while the target fails." })
final class DbReplicationCommand implements Callable<Integer> {

	@Mixin
	private Session session;

	@Override
	public Integer call() {
		if (!this.session.bean(DatabaseStatusService.class).isSqlite()) {
			throw new PlanException("pm db replication replicates an SQLite database; replicate a PostgreSQL"
					+ " database with the server's own replication");
		}
		if (this.session.bean(PmDbProperties.class).getReplication().getTarget() == null) {
			throw new PlanException("replication is off: set PM_DB_REPLICATION_TARGET to a directory (on another"
					+ " disk) and pm keeps a continuous replica of the database there");
		}
		Replicator replicator = this.session.bean(Replicator.class);
		ReplicationStatus status = replicator.status();
		if (status.generation() == null && status.lastError() == null && !status.standby()) {
			// This command's own pm started it a moment ago.
			replicator.replicate();
			status = replicator.status();
		}
		ReplicationView view = ReplicationView.of(status);
		this.session.show(() -> view,
				(shown) -> Table.ofProperties()
					.row("target", view.target())
					.row("state", view.state())
					.row("generation", view.generation())
					.row("last segment", view.lastSegment())
					.row("lag", String.format(Locale.ROOT, "%.1f s", view.lagMillis() / 1000.0))
					.row("last error", view.lastError())
					.print(this.session.out(), ""));
		return (view.lastError() == null) ? 0 : PmCommandLine.REFUSED;
	}

	/**
	 * Replication as {@code pm db replication} shows it.
	 *
	 * @param target the replica directory
	 * @param state {@code replicating}, {@code failing}, or {@code standby} (another
	 * process replicates into the target)
	 * @param generation the generation being written
	 * @param lastSegment the file name of the last segment written
	 * @param lagMillis how much committed work may be missing from the replica
	 * @param lastError why the last attempt failed
	 */
	record ReplicationView(String target, String state, String generation, String lastSegment, long lagMillis,
			String lastError) {

		static ReplicationView of(ReplicationStatus status) {
			String state = status.standby() ? "standby" : (status.lastError() != null) ? "failing" : "replicating";
			return new ReplicationView(status.target().toString(), state, status.generation(), status.lastSegment(),
					status.lag().toMillis(), status.lastError());
		}

	}

}
