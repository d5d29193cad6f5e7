package dev.pm.cli.server;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bound on the server's connections: a client beyond it pushes out the oldest one
 * that has not sent its request, and is turned away only when every connected client runs
 * a command.
 */
class ClientsTests {

	private final ByteArrayOutputStream log = new ByteArrayOutputStream();

	private final Clients clients = new Clients(Duration.ofSeconds(30),
			new PrintStream(this.log, true, StandardCharsets.UTF_8));

	private final List<SocketChannel> channels = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (SocketChannel channel : this.channels) {
			channel.close();
		}
	}

	@Test
	void aClientBeyondTheBoundPushesOutTheOldestThatHasNotSentItsRequest() throws Exception {
		List<Client> connected = new ArrayList<>();
		for (int i = 0; i < Clients.MAX_CONNECTIONS; i++) {
			Client client = this.clients.admit(channel());
			connected.add(client);
			if (i != 3 && i != 7) {
				client.requestRead("pm task list");
			}
		}

		Client next = this.clients.admit(channel());

		assertThat(next).isNotNull();
		assertThat(connected.get(3).channel().isOpen()).as("the oldest without a request").isFalse();
		assertThat(connected.get(7).channel().isOpen()).isTrue();
		assertThat(connected.get(0).channel().isOpen()).as("running a command").isTrue();
		assertThat(this.log.toString(StandardCharsets.UTF_8)).isEqualTo("pm server: dropped a client: it had not sent"
				+ " its request when " + Clients.MAX_CONNECTIONS + " clients were connected\n");
	}

	@Test
	void aClientBeyondTheBoundIsTurnedAwayWhenEveryOtherRunsACommand() throws Exception {
		for (int i = 0; i < Clients.MAX_CONNECTIONS; i++) {
			this.clients.admit(channel()).requestRead("pm task list");
		}

		assertThat(this.clients.admit(channel())).isNull();
	}

	@Test
	void aClientThatLeftMakesRoom() throws Exception {
		Client first = this.clients.admit(channel());
		first.requestRead("pm task list");
		for (int i = 1; i < Clients.MAX_CONNECTIONS; i++) {
			this.clients.admit(channel()).requestRead("pm task list");
		}

		this.clients.left(first);

		assertThat(this.clients.admit(channel())).isNotNull();
	}

	private SocketChannel channel() throws Exception {
		SocketChannel channel = SocketChannel.open();
		this.channels.add(channel);
		return channel;
	}

}
