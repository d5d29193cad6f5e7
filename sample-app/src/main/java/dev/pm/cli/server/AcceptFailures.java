package dev.pm.cli.server;

import java.io.IOException;
import java.io.PrintStream;

/**
 * What the server does when it cannot accept a connection (out of file descriptors, say):
 * such a failure passes as clients leave, so the server waits a little longer after each
 * one, up to a bound, and tries again. The log gets one line when the failures begin and
 * one when they end, not one a try.
 */
final class AcceptFailures {

	private static final long FIRST_BACKOFF_MILLIS = 10;

	private final PrintStream log;

	private final long maxBackoffMillis;

	private long backoffMillis;

	private int failures;

	AcceptFailures(PrintStream log, long maxBackoffMillis) {
		this.log = log;
		this.maxBackoffMillis = maxBackoffMillis;
	}

	/**
	 * Notes a failed accept, and waits before the next.
	 * @param ex why it failed
	 */
	void failed(IOException ex) {
		if (this.failures++ == 0) {
			this.log.println(
					"pm server: cannot accept connections (" + ex.getMessage() + "); trying again while clients leave");
			this.backoffMillis = FIRST_BACKOFF_MILLIS;
		}
		else {
			this.backoffMillis = Math.min(this.backoffMillis * 2, this.maxBackoffMillis);
		}
		try {
			Thread.sleep(this.backoffMillis);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/** Notes an accepted connection. */
	void succeeded() {
		if (this.failures > 0) {
			this.log.println("pm server: accepting connections again, after " + this.failures + " failed tries");
			this.failures = 0;
		}
	}

}
