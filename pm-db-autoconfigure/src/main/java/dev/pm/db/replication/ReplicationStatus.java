package dev.pm.db.replication;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Where replication stands.
 *
 * @param target the replica directory
 * @param generation the generation being written, or {@code null} before the first
 * snapshot
 * @param lastSegment the name of the last segment written, or {@code null} if none was
 * @param segments how many segments this process wrote
 * @param lag how much committed work may be missing from the replica: the time since it
 * was last known to hold every commit
 * @param lastError why the last attempt failed, or {@code null} if it succeeded
 * @param standby whether another process replicates the database into the target, so this
 * one does not
 * @author pm-db
 * @since 0.1.0
 */
public record ReplicationStatus(Path target, @Nullable String generation, @Nullable String lastSegment, long segments,
		Duration lag, @Nullable String lastError, boolean standby) {

}
