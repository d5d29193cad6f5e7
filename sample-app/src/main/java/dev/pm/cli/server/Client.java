package dev.pm.cli.server;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;

/**
 * One client's connection to the server, and how long the server has been waiting for
 * that client: for its request to arrive, or for it to take its output (a client that
 * stops reading blocks the server's writes, then never acknowledges). {@link Clients}
 * drops a client that keeps the server waiting too long.
 */
final class Client {

	private static final long NOT_WAITING = Long.MIN_VALUE;

	private final SocketChannel channel;

	private final long acceptedAt = System.nanoTime();

	private final DataInputStream in;

	private final DataOutputStream out;

	private volatile boolean requestRead;

	private volatile long waitingSince = NOT_WAITING;

	private volatile String command = "a client";

	Client(SocketChannel channel) {
		this.channel = channel;
		this.in = new DataInputStream(new BufferedInputStream(new Watched(Channels.newInputStream(channel))));
		this.out = new DataOutputStream(new BufferedOutputStream(new WatchedOutput(Channels.newOutputStream(channel))));
	}

	SocketChannel channel() {
		return this.channel;
	}

	DataInputStream in() {
		return this.in;
	}

	DataOutputStream out() {
		return this.out;
	}

	/**
	 * Notes that the request arrived: from now on, the server waits for the client only
	 * while it takes its output.
	 * @param command what the client asked for, for the log
	 */
	void requestRead(String command) {
		this.command = command;
		this.requestRead = true;
	}

	boolean hasSentRequest() {
		return this.requestRead;
	}

	long acceptedAt() {
		return this.acceptedAt;
	}

	String command() {
		return this.command;
	}

	/**
	 * Returns how long the server has waited for this client so far: since it connected
	 * until its request arrived, then in the current read or write of its output.
	 * @param now {@link System#nanoTime()}
	 * @return nanoseconds, 0 when the server is not waiting for it
	 */
	long waitedNanos(long now) {
		if (!this.requestRead) {
			return now - this.acceptedAt;
		}
		long since = this.waitingSince;
		return (since == NOT_WAITING) ? 0 : now - since;
	}

	void close() {
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// Closed already.
		}
	}

	private void waiting() {
		this.waitingSince = System.nanoTime();
	}

	private void done() {
		this.waitingSince = NOT_WAITING;
	}

	/** The client's bytes, read while the server notes that it waits. */
	private final class Watched extends FilterInputStream {

		Watched(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			waiting();
			try {
				return super.read();
			}
			finally {
				done();
			}
		}

		@Override
		public int read(byte[] bytes, int offset, int length) throws IOException {
			waiting();
			try {
				return super.read(bytes, offset, length);
			}
			finally {
				done();
			}
		}

	}

	/** The bytes for the client, written while the server notes that it waits. */
	private final class WatchedOutput extends FilterOutputStream {

		WatchedOutput(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			waiting();
			try {
				this.out.write(bytes, offset, length);
			}
			finally {
				done();
			}
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

	}

}
