package dev.pm.db.replication;

/**
 * A file of a replica that cannot be used: truncated, damaged, or not a replica file.
 *
 * @author pm-db
 */
class InvalidReplicaException extends RuntimeException {

	InvalidReplicaException(String message) {
		super(message);
	}

}
