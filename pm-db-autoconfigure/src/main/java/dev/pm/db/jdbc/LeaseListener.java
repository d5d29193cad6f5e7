package dev.pm.db.jdbc;

/**
 * Told when a thread takes the shared connection and when it hands it back, for metrics.
 * Called on the hot path: implementations must be quick and must not use the connection.
 *
 * @author pm-db
 * @since 0.1.0
 */
public interface LeaseListener {

	/** A listener that does nothing. */
	LeaseListener NONE = new LeaseListener() {
	};

	/**
	 * A thread took the connection.
	 * @param waitedNanos how long it waited for another thread to hand it back
	 */
	default void taken(long waitedNanos) {
	}

	/**
	 * A thread handed the connection back.
	 * @param heldNanos how long it held it
	 */
	default void released(long heldNanos) {
	}

}
