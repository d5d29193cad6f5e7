package dev.pm.cli.client;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * {@code pm server start|stop|status}: what the client does itself. Anything else under
 * {@code pm server} ({@code --help}, a usage error) runs in its own process, where pm's
 * command line answers it.
 */
final class ServerControl {

	private static final Set<String> ACTIONS = Set.of("start", "stop", "status");

	private final PmClient client;

	private final ServerFiles files;

	ServerControl(PmClient client, ServerFiles files) {
		this.client = client;
		this.files = files;
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
		SocketChannel starting = PmClient.awaitListening(this.files);
		try (SocketChannel channel = (starting != null) ? starting : this.client.connectOrStart(this.files)) {
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
		try (SocketChannel channel = PmClient.awaitListening(this.files)) {
			if (channel == null) {
				return notRunning();
			}
			int exitCode = answer(this.client.send(channel, Protocol.STOP));
			PmClient.awaitStopped(this.files);
			return exitCode;
		}
	}

	private int status() throws IOException {
		try (SocketChannel channel = PmClient.connect(this.files)) {
			if (channel == null && this.files.hasServer()) {
				return print("A pm server for " + this.files.database() + " is starting or stopping.\n");
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
		return print("No pm server runs for " + this.files.database() + ".\n");
	}

	private int print(String text) throws IOException {
		this.client.out().write(text.getBytes(StandardCharsets.UTF_8));
		this.client.out().flush();
		return 0;
	}

}
