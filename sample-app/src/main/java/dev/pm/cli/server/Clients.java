package dev.pm.cli.server;

import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The clients connected to the server, so that none can harm the others or the server: at
 * most {@link #MAX_CONNECTIONS} at once (a client beyond that pushes out the oldest one
 * that has not sent its request, so that idle connections cannot keep real commands out
 * or use up the server's file descriptors), a request must arrive within
 * {@link #REQUEST_TIMEOUT} of connecting (a real client sends it at once; a half-open
 * connection must not keep the server from stopping), and a client must take its output
 * within the output timeout. A client dropped for either is closed, which ends only its
 * own command: a command's change is committed before its output is written, so no other
 * command waits for a client.
 */
final class Clients {

	/** How many clients may be connected at once. */
	static final int MAX_CONNECTIONS = 128;

	/** How long a client may take to send its request once it connected. */
	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

	/** How long a stopping server waits for a client to take its output. */
	static final Duration STOPPING_GRACE = Duration.ofSeconds(1);

	private final Set<Client> connected = ConcurrentHashMap.newKeySet();

	private final Duration outputTimeout;

	private final PrintStream log;

	/**
	 * Creates the set.
	 * @param outputTimeout how long a client may keep the server waiting while it takes
	 * its output
	 * @param log where dropped clients are reported
	 */
	Clients(Duration outputTimeout, PrintStream log) {
		this.outputTimeout = outputTimeout;
		this.log = log;
	}

	/**
	 * Takes a new connection in, pushing out the oldest client that has not sent its
	 * request if the server is full.
	 * @param channel the connection
	 * @return the client, or {@code null} if the server is full of clients whose commands
	 * run (the caller tells the client to run its command itself)
	 */
	Client admit(SocketChannel channel) {
		Client client = new Client(channel);
		if (this.connected.size() >= MAX_CONNECTIONS) {
			Client idle = this.connected.stream()
				.filter((other) -> !other.hasSentRequest())
				.min(Comparator.comparingLong(Client::acceptedAt))
				.orElse(null);
			if (idle == null) {
				return null;
			}
			drop(idle, "it had not sent its request when " + MAX_CONNECTIONS + " clients were connected");
		}
		this.connected.add(client);
		return client;
	}

	/**
	 * Forgets a client whose connection ended.
	 * @param client the client
	 */
	void left(Client client) {
		this.connected.remove(client);
	}

	/**
	 * Drops every client that has kept the server waiting too long.
	 */
	void dropStalled() {
		long now = System.nanoTime();
		for (Client client : this.connected) {
			long waited = client.waitedNanos(now);
			if (!client.hasSentRequest() && waited > REQUEST_TIMEOUT.toNanos()) {
				drop(client, "its request did not arrive within " + describe(REQUEST_TIMEOUT));
			}
			else if (client.hasSentRequest() && waited > this.outputTimeout.toNanos()) {
				drop(client, "it did not take its output for " + describe(this.outputTimeout) + " ("
						+ PmServer.OUTPUT_TIMEOUT_VARIABLE + ")");
			}
		}
	}

	/**
	 * Drops the clients that would only delay a server that is stopping: those that have
	 * not sent a request, and those that have kept it waiting for {@link #STOPPING_GRACE}
	 * to take their output (their change is saved already).
	 */
	void dropThoseDelayingTheStop() {
		long now = System.nanoTime();
		for (Client client : this.connected) {
			if (!client.hasSentRequest()) {
				client.close();
			}
			else if (client.waitedNanos(now) > STOPPING_GRACE.toNanos()) {
				drop(client, "the server is stopping, and it did not take its output for " + describe(STOPPING_GRACE));
			}
		}
	}

	private void drop(Client client, String reason) {
		if (this.connected.remove(client)) {
			this.log.println("pm server: dropped " + client.command() + ": " + reason);
			client.close();
		}
	}

	private static String describe(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? TimeUnit.MILLISECONDS.toSeconds(millis) + "s" : millis + "ms";
	}

}
