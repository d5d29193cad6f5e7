package dev.pm.cli.client;

import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.pm.cli.transport.ServerFiles;
import dev.pm.cli.transport.Sleep;

/**
 * Finds the server of a database, or starts one: connects to its socket, starts its JVM
 * in the background, waits for one that is starting or stopping. What the client sends
 * once connected is {@link PmClient}'s.
 */
final class ServerConnector {

	/** How long a client waits for a server it started to listen. */
	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private final ServerFiles files;

	private final ApplicationJvm jvm;

	private final Map<String, String> environment;

	/**
	 * Creates the connector.
	 * @param files the server's files
	 * @param jvm how to start the server's JVM
	 * @param environment the variables the server starts with: the client's
	 */
	ServerConnector(ServerFiles files, ApplicationJvm jvm, Map<String, String> environment) {
		this.files = files;
		this.jvm = jvm;
		this.environment = environment;
	}

	ServerFiles files() {
		return this.files;
	}

	/**
	 * Connects to the server.
	 * @return the connection, or {@code null} if no server listens
	 */
	SocketChannel connect() {
		SocketChannel channel = null;
		try {
			channel = SocketChannel.open(StandardProtocolFamily.UNIX);
			channel.connect(UnixDomainSocketAddress.of(this.files.socket()));
			return channel;
		}
		catch (IOException ex) {
			// No socket, or a stale one of a server that was killed.
			close(channel);
			return null;
		}
	}

	/**
	 * Connects to the running server, or starts one and connects to it.
	 * @return the connection, or {@code null} if no server could be started
	 */
	SocketChannel connectOrStart() throws IOException {
		SocketChannel channel = connect();
		if (channel != null) {
			return channel;
		}
		Process server = startServer();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			channel = connect();
			if (channel != null) {
				return channel;
			}
			// A server that lost the race to another exits 0, and the other one listens
			// soon.
			if (!server.isAlive() && server.exitValue() != 0) {
				return null;
			}
			Sleep.quietly(5);
		}
		return null;
	}

	/**
	 * Connects to the server, waiting for one that is starting (it holds the lock).
	 * @return the connection, or {@code null} if no server listens or is about to
	 */
	SocketChannel awaitListening() throws IOException {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			SocketChannel channel = connect();
			if (channel != null || !this.files.hasServer()) {
				return channel;
			}
			Sleep.quietly(10);
		}
		return null;
	}

	/**
	 * Waits until a stopping server has released its lock (its socket is gone).
	 */
	void awaitStopped() {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (Files.exists(this.files.socket()) && System.nanoTime() < deadline) {
			SocketChannel channel = connect();
			if (channel == null) {
				return;
			}
			close(channel);
			Sleep.quietly(10);
		}
	}

	/**
	 * Starts the server, unless one is starting or stopping already. A server that cannot
	 * start says why in its log; the commands run without it.
	 */
	void startInBackground() {
		try {
			if (!this.files.hasServer()) {
				startServer();
			}
		}
		catch (IOException ex) {
			// No server this time: the command runs all the same.
		}
	}

	private Process startServer() throws IOException {
		List<String> command = this.jvm.server(this.files);
		// Its own session, so that closing the terminal does not stop it.
		if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
			command.add(0, "/usr/bin/setsid");
		}
		this.files.rotateLogIfLarge();
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.files.directory().toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.files.log().toFile()))
			.redirectErrorStream(true);
		builder.environment().clear();
		builder.environment().putAll(this.environment);
		Process server = builder.start();
		this.files.markStarting(server.pid());
		return server;
	}

	private static void close(SocketChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// Nothing was sent.
			}
		}
	}

}
