package dev.pm.cli.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import dev.pm.cli.transport.Protocol;

/**
 * Standard output or error of a command, sent to the client in frames when flushed (or
 * when a buffer fills). Standard output waits for the client's acknowledgement: output
 * the client could not write is a failed write here, as it is when pm runs in its own
 * process.
 */
final class FramedOutput extends OutputStream {

	private static final int BUFFER = 8192;

	private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

	private final byte type;

	private final DataOutputStream out;

	private final DataInputStream acknowledgements;

	/**
	 * Creates the stream.
	 * @param type {@link Protocol#OUT} or {@link Protocol#ERR}
	 * @param out the connection to the client
	 * @param acknowledgements where the client acknowledges standard output, or
	 * {@code null} for standard error
	 */
	FramedOutput(byte type, DataOutputStream out, DataInputStream acknowledgements) {
		this.type = type;
		this.out = out;
		this.acknowledgements = acknowledgements;
	}

	@Override
	public void write(int b) throws IOException {
		this.buffer.write(b);
		sendIfFull();
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		this.buffer.write(bytes, offset, length);
		sendIfFull();
	}

	@Override
	public void flush() throws IOException {
		if (this.buffer.size() == 0) {
			return;
		}
		byte[] content = this.buffer.toByteArray();
		this.buffer.reset();
		synchronized (this.out) {
			Protocol.writeFrame(this.out, this.type, content);
			if (this.acknowledgements != null) {
				acknowledged(this.acknowledgements.readByte());
			}
		}
	}

	private static void acknowledged(byte acknowledgement) throws IOException {
		switch (acknowledgement) {
			case Protocol.WRITTEN -> {
			}
			// As the JDK reports a closed pipe, so that it counts as one.
			case Protocol.READER_GONE -> throw new IOException("Broken pipe");
			default -> throw new IOException("the client could not write to its standard output");
		}
	}

	private void sendIfFull() throws IOException {
		if (this.buffer.size() >= BUFFER) {
			flush();
		}
	}

}
