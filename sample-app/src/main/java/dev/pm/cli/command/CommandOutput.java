package dev.pm.cli.command;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import dev.pm.cli.transport.Protocol;

/**
 * A command's standard output that remembers why a write failed, which
 * {@link PrintWriter} forgets: a reader that closed the output
 * ({@code pm task list | head -1}) is not an error a shell script should see, a full disk
 * is. Control characters in the text are made visible ({@link TerminalText}): the output
 * is for a terminal, or for JSON, which escapes them itself.
 */
public final class CommandOutput extends PrintWriter {

	private final FailureRecorder recorder;

	/**
	 * Creates the output.
	 * @param out the bytes' destination
	 * @param autoFlush whether each line is flushed
	 */
	public CommandOutput(OutputStream out, boolean autoFlush) {
		this(new FailureRecorder(out), autoFlush);
	}

	private CommandOutput(FailureRecorder recorder, boolean autoFlush) {
		super(new TerminalText.VisibleControls(new OutputStreamWriter(recorder, StandardCharsets.UTF_8)), autoFlush);
		this.recorder = recorder;
	}

	/**
	 * Returns whether the output failed because its reader closed it.
	 * @param out a command's output
	 * @return {@code true} if {@code out} is a {@code CommandOutput} whose reader went
	 * away
	 */
	static boolean readerGone(PrintWriter out) {
		return out instanceof CommandOutput output && output.recorder.readerGone;
	}

	/** Notes whether a failed write found the reader gone. */
	private static final class FailureRecorder extends FilterOutputStream {

		private volatile boolean readerGone;

		FailureRecorder(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			try {
				this.out.write(bytes, offset, length);
			}
			catch (IOException ex) {
				record(ex);
				throw ex;
			}
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void flush() throws IOException {
			try {
				this.out.flush();
			}
			catch (IOException ex) {
				record(ex);
				throw ex;
			}
		}

		private void record(IOException ex) {
			if (Protocol.isReaderGone(ex)) {
				this.readerGone = true;
			}
		}

	}

}
