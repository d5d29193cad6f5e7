package dev.pm.db.replication;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Replication's meters: {@code pm.db.replication.lag} (seconds of committed work that may
 * be missing from the replica) and {@code pm.db.replication.segments} (segments written).
 *
 * @author pm-db
 * @since 0.1.0
 */
public class ReplicationMetrics implements MeterBinder {

	private final Replicator replicator;

	/**
	 * Create the meters of a replicator.
	 * @param replicator the replicator
	 */
	public ReplicationMetrics(Replicator replicator) {
		this.replicator = replicator;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("pm.db.replication.lag", this.replicator, (r) -> r.status().lag().toNanos() / 1e9)
			.baseUnit("seconds")
			.description("How much committed work may be missing from the replica")
			.register(registry);
		FunctionCounter.builder("pm.db.replication.segments", this.replicator, (r) -> r.status().segments())
			.description("Write-ahead log segments written to the replica")
			.register(registry);
	}

}
