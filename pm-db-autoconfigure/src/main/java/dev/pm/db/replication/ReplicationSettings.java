package dev.pm.db.replication;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a database is replicated.
 *
 * @param target the replica directory
 * @param interval the most committed work that may be missing from the replica
 * @param snapshotInterval how often a new snapshot is taken
 * @param retention how far back a restore must be possible
 * @author pm-db
 * @since 0.1.0
 */
public record ReplicationSettings(Path target, Duration interval, Duration snapshotInterval, Duration retention) {

}
