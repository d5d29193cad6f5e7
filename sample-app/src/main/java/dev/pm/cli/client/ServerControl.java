package dev.pm.cli.client;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import dev.pm.cli.transport.Invocation;
import dev.pm.cli.transport.Protocol;
import dev.pm.cli.transport.ServerFiles;
import dev.pm.cli.transport.ServerStatus;

/**
 * {@code pm server start|stop|status}: what the client does itself. Anything else under
 * {@code pm server} ({@code --help}, a usage error) runs in its own process, where pm's
 * command line answers it.
 */
final class ServerControl {

	private static final Set<String> ACTIONS = Set.of("start", "stop", "status");

	private final PmClient client;

	private final ServerConnector connector;

	private final ServerFiles files;

	private final boolean json;

	ServerControl(PmClient client, ServerConnector connector, boolean json) {
		this.client = client;
		this.connector = connector;
		this.files = connector.files();
		this.json = json;
	}

	static boolean handles(Invocation invocation) {
		String action = invocation.subcommand();
		return action != null && ACTIONS.contains(action) && !invocation.needsNoDatabase();
	}

	int run(String action) {
		try {
			return switch (action) {
				case "start" -> start();
				case "stop" -> stop();
				default -> status();
			};
		}
		catch (IOException ex) {
			this.client.err()
				.println("pm: the pm server for " + this.files.database() + " did not answer: " + ex.getMessage()
						+ " (see " + this.files.log() + ")");
			return 1;
		}
	}

	private int start() throws IOException {
		SocketChannel starting = this.connector.awaitListening();
		try (SocketChannel channel = (starting != null) ? starting : this.connector.connectOrStart()) {
			if (channel == null) {
				this.client.err()
					.println("pm: the pm server for " + this.files.database() + " did not start; see "
							+ this.files.log());
				return 1;
			}
			return answer(this.client.send(channel, Protocol.STATUS));
		}
	}

	private int stop() throws IOException {
		// A server still starting (the previous command started it) is stopped too, once
		// it listens.
		try (SocketChannel channel = this.connector.awaitListening()) {
			if (channel == null) {
				return notRunning();
			}
			int exitCode = answer(this.client.send(channel, Protocol.STOP));
			this.connector.awaitStopped();
			return exitCode;
		}
	}

	private int status() throws IOException {
		try (SocketChannel channel = this.connector.connect()) {
			if (channel == null && this.files.hasServer()) {
				return print(ServerStatus.without(this.files, ServerStatus.CHANGING));
			}
			if (channel == null) {
				return notRunning();
			}
			return answer(this.client.send(channel, Protocol.STATUS));
		}
	}

	/** Status and stop are answered by a server of any build. */
	private static int answer(Integer exitCode) {
		return (exitCode != null) ? exitCode : 1;
	}

	private int notRunning() throws IOException {
		return print(ServerStatus.without(this.files, ServerStatus.STOPPED));
	}

	private int print(ServerStatus status) throws IOException {
		String text = this.json ? status.json() : status.text();
		this.client.out().write(text.getBytes(StandardCharsets.UTF_8));
		this.client.out().flush();
		return 0;
	}

}
