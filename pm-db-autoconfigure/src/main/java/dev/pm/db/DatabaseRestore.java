package dev.pm.db;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Point-in-time restore from a replica directory (see {@code pm.db.replication.target}).
 * The auto-configuration registers one for the configured target;
 * {@code dev.pm.db.replication.ReplicaRestore} restores from any replica directory
 * without an application context.
 *
 * @author pm-db
 * @since 0.1.0
 */
public interface DatabaseRestore {

	/**
	 * Build the database as it was committed at a moment, from the last snapshot at or
	 * before it and the segments that follow, into a new file created with the configured
	 * permissions, and check its integrity. A damaged or missing segment stops the
	 * restore at the last good moment before it, which the result reports.
	 * @param target where to write the database; it must not exist, its directory must
	 * @param pointInTime the moment to restore
	 * @return what was restored
	 * @throws DatabaseException if the target exists (it is left unchanged), or the
	 * replica has no snapshot at or before the moment
	 * @throws DatabaseCorruptedException if the result fails its integrity check
	 */
	RestoredDatabase restore(Path target, Instant pointInTime);

}
