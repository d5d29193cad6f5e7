package dev.pm.cli.transport;

/**
 * Waiting between two looks, as the client and the server do while the other starts or
 * stops.
 */
public final class Sleep {

	private Sleep() {
	}

	/**
	 * Sleeps, keeping the thread's interrupt for its caller to see.
	 * @param millis how long
	 */
	public static void quietly(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
