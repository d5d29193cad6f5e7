package dev.pm.cli.plan;

import java.time.Duration;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Claims that expire: a task claimed with a lease returns to {@code todo} once its lease
 * runs out without renewal, so that the task of an agent that died is taken by the next
 * claim. Each method runs in the caller's transaction.
 * <p>
 * An expiry is one conditional {@code UPDATE} per task, on the agent and the expiry time
 * that were read: on SQLite writers queue for the write lock, and on PostgreSQL a second
 * transaction that expires the same task waits for the first and then finds the row
 * changed (claimed again, with a new lease), so it writes nothing. A task is never held
 * by two agents, not even at the moment its claim expires.
 */
@Component
public class ClaimLeases {

	private final JdbcClient jdbc;

	private final HistoryRepository history;

	private final Timestamps timestamps;

	ClaimLeases(JdbcClient jdbc, HistoryRepository history, Timestamps timestamps) {
		this.jdbc = jdbc;
		this.history = history;
		this.timestamps = timestamps;
	}

	/**
	 * Returns every task whose claim expired to {@code todo}, each with a history row.
	 * @param now the time now
	 * @return the keys of the tasks returned
	 */
	public List<String> expire(String now) {
		List<Claim> expired = this.jdbc.sql("""
				SELECT key, assigned_agent, lease_expires_at FROM task
				WHERE status = 'in_progress' AND lease_expires_at IS NOT NULL AND lease_expires_at <= ?""")
			.param(now)
			.query((rs, row) -> new Claim(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
		return expired.stream().filter((claim) -> expire(claim, now)).map(Claim::key).toList();
	}

	private boolean expire(Claim claim, String now) {
		boolean expired = this.jdbc.sql("""
				UPDATE task SET status = 'todo', assigned_agent = NULL, lease_seconds = NULL,
				    lease_expires_at = NULL, updated_at = :now
				WHERE key = :key AND status = 'in_progress' AND assigned_agent = :agent
				    AND lease_expires_at = :expiresAt""")
			.param("now", now)
			.param("key", claim.key())
			.param("agent", claim.agent())
			.param("expiresAt", claim.expiresAt())
			.update() == 1;
		if (expired) {
			this.history.append(claim.key(), new HistoryEntry(now, claim.key(), "expired", TaskStatus.IN_PROGRESS,
					TaskStatus.TODO, null, "claim of " + claim.agent() + " expired at " + claim.expiresAt()));
		}
		return expired;
	}

	/**
	 * Gives the claim of a task a lease.
	 * @param key the task's key
	 * @param lease how long the claim lasts without renewal
	 * @param now the time now
	 */
	public void grant(String key, Duration lease, String now) {
		this.jdbc.sql("UPDATE task SET lease_seconds = ?, lease_expires_at = ? WHERE key = ?")
			.params(lease.toSeconds(), this.timestamps.after(now, lease), key)
			.update();
	}

	/**
	 * Renews the lease of a task's claim, if it has one and the agent holds it.
	 * @param key the task's key
	 * @param agent the agent who acts on the task
	 * @param now the time now
	 * @return whether a lease was renewed
	 */
	public boolean renew(String key, String agent, String now) {
		Long seconds = this.jdbc.sql("""
				SELECT lease_seconds FROM task
				WHERE key = ? AND status = 'in_progress' AND assigned_agent = ? AND lease_seconds IS NOT NULL""")
			.params(key, agent)
			.query(Long.class)
			.optional()
			.orElse(null);
		if (seconds == null) {
			return false;
		}
		this.jdbc.sql("UPDATE task SET lease_expires_at = ? WHERE key = ?")
			.params(this.timestamps.after(now, Duration.ofSeconds(seconds)), key)
			.update();
		return true;
	}

	private record Claim(String key, String agent, String expiresAt) {
	}

}
