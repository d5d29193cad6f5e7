package dev.pm.cli.transport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The wire protocol over piped streams, without a server: a request arrives as it was
 * sent, with the variables a command reads only; frames and the exit code follow; what is
 * not a pm request, or is larger than one, is refused before anything large is allocated.
 */
class ProtocolTests {

	@Test
	void aRequestArrivesAsTheClientSentItWithOnlyTheVariablesACommandReads() throws Exception {
		Invocation invocation = new Invocation(
				List.of("task", "add", "T-E01-F01-001", "Ünïcode title"), Map.of("PM_AGENT", "bot", "USER", "me",
						"HOME", "/home/me", "SECRET_TOKEN", "never sent", "PM_DB_BUSY_TIMEOUT", "30s"),
				Path.of("/work/project"));
		PipedInputStream serverSide = new PipedInputStream(1 << 16);
		DataOutputStream client = new DataOutputStream(new PipedOutputStream(serverSide));

		Request.of(Protocol.RUN, invocation).write(client);
		Request received = Request.read(new DataInputStream(serverSide));

		assertThat(received.kind()).isEqualTo(Protocol.RUN);
		assertThat(received.args()).isEqualTo(invocation.args());
		assertThat(received.workingDirectory()).isEqualTo("/work/project");
		assertThat(received.environment()).containsOnlyKeys("PM_AGENT", "USER", "HOME", "PM_DB_BUSY_TIMEOUT");
		assertThat(received.settings()).isEqualTo("PM_DB_BUSY_TIMEOUT=30s\n");
		assertThat(received.build()).isEqualTo(ServerFiles.build());
	}

	@Test
	void framesAndTheirAcknowledgementsThenTheExitCodeCrossAPipeInOrder() throws Exception {
		PipedInputStream clientSide = new PipedInputStream(1 << 16);
		DataOutputStream server = new DataOutputStream(new PipedOutputStream(clientSide));
		PipedInputStream acknowledgements = new PipedInputStream();
		DataOutputStream client = new DataOutputStream(new PipedOutputStream(acknowledgements));

		CompletableFuture<Byte> serverSees = CompletableFuture.supplyAsync(() -> {
			try {
				Protocol.writeFrame(server, Protocol.OUT, "Added task.\n".getBytes(StandardCharsets.UTF_8));
				byte acknowledgement = new DataInputStream(acknowledgements).readByte();
				Protocol.writeFrame(server, Protocol.ERR, "pm: warning\n".getBytes(StandardCharsets.UTF_8));
				Protocol.writeExit(server, 3);
				return acknowledgement;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		DataInputStream in = new DataInputStream(clientSide);
		assertThat(in.readByte()).isEqualTo(Protocol.OUT);
		assertThat(new String(Protocol.readContent(in), StandardCharsets.UTF_8)).isEqualTo("Added task.\n");
		client.writeByte(Protocol.READER_GONE);
		client.flush();

		assertThat(serverSees.get(60, TimeUnit.SECONDS)).isEqualTo(Protocol.READER_GONE);
		assertThat(in.readByte()).isEqualTo(Protocol.ERR);
		assertThat(new String(Protocol.readContent(in), StandardCharsets.UTF_8)).isEqualTo("pm: warning\n");
		assertThat(in.readByte()).isEqualTo(Protocol.EXIT);
		assertThat(in.readInt()).isEqualTo(3);
	}

	@Test
	void somethingThatIsNotAPmRequestIsRefused() {
		byte[] http = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

		assertThatIOException().isThrownBy(() -> Request.read(new DataInputStream(new ByteArrayInputStream(http))));
	}

	@Test
	void aRequestThatClaimsTwoGibibytesIsRefusedWithoutReadingThem() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		DataOutputStream out = new DataOutputStream(bytes);
		Protocol.writeString(out, Protocol.MAGIC);
		out.writeByte(Protocol.RUN);
		out.writeInt(Integer.MAX_VALUE);

		assertThatIOException()
			.isThrownBy(() -> Request.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
			.withMessage("a length of 2147483647 bytes, more than the " + Request.MAX_STRING + " a pm client sends");
	}

	@Test
	void aRequestWithMoreArgumentsThanAClientSendsIsRefused() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		DataOutputStream out = new DataOutputStream(bytes);
		new Request(Protocol.RUN, "b", "", "/", Map.of(), List.of()).write(out);
		byte[] request = bytes.toByteArray();
		// The argument count is the request's last four bytes.
		request[request.length - 4] = 0x7f;

		assertThatIOException().isThrownBy(() -> Request.read(new DataInputStream(new ByteArrayInputStream(request))))
			.withMessageStartingWith("a count of ");
	}

	@Test
	void aRequestCutShortEndsTheRead() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		new Request(Protocol.RUN, "b", "", "/", Map.of(), List.of("task", "list")).write(new DataOutputStream(bytes));
		byte[] whole = bytes.toByteArray();
		byte[] half = Arrays.copyOf(whole, whole.length / 2);

		assertThatIOException().isThrownBy(() -> Request.read(new DataInputStream(new ByteArrayInputStream(half))))
			.isInstanceOf(EOFException.class);
	}

}
