package dev.pm.cli.command;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;

/**
 * Standard input that tells when it has ended: an MCP client ends a stdio session by
 * closing the server's input, and {@code pm mcp} then exits (the SDK's transport reads on
 * a thread of its own and says nothing about it).
 */
final class EndOfInput extends FilterInputStream {

	private final CountDownLatch ended = new CountDownLatch(1);

	EndOfInput(InputStream in) {
		super(in);
	}

	@Override
	public int read() throws IOException {
		return noted(() -> super.read());
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		return noted(() -> super.read(buffer, offset, length));
	}

	/** Waits until the input has ended, at its end or a read that failed. */
	void await() throws InterruptedException {
		this.ended.await();
	}

	private int noted(Read read) throws IOException {
		try {
			int result = read.read();
			if (result < 0) {
				this.ended.countDown();
			}
			return result;
		}
		catch (IOException ex) {
			this.ended.countDown();
			throw ex;
		}
	}

	@FunctionalInterface
	private interface Read {

		int read() throws IOException;

	}

}
