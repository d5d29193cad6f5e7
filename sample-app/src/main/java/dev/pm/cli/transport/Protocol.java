package dev.pm.cli.transport;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What the client and the server say to each other. The client sends one {@link Request};
 * the server answers with frames, a type byte followed by its content, until
 * {@link #EXIT}. Each {@link #OUT} frame is acknowledged by the client with
 * {@link #WRITTEN}, {@link #NOT_WRITTEN} or {@link #READER_GONE}, so that a command whose
 * output is lost fails as it does in the process itself.
 */
public final class Protocol {

	/** The first string of every request; another value is refused. */
	public static final String MAGIC = "pm-server/1";

	/** A request to run a command. */
	public static final byte RUN = 1;

	/** A request for the server's state. */
	public static final byte STATUS = 2;

	/** A request to stop the server. */
	public static final byte STOP = 3;

	/** Frame: bytes for standard output, acknowledged. */
	public static final byte OUT = 1;

	/** Frame: bytes for standard error. */
	public static final byte ERR = 2;

	/** Frame: the exit code; the last frame. */
	public static final byte EXIT = 3;

	/**
	 * Frame: the server was built from another version of pm; it stops, and the client
	 * starts a new one. The last frame.
	 */
	public static final byte RETIRED = 4;

	/**
	 * Frame: the client has other database settings than the server; the client runs the
	 * command in its own process. The last frame.
	 */
	public static final byte OTHER_SETTINGS = 5;

	/**
	 * Frame: the server has as many clients as it takes, all running commands; the client
	 * runs the command in its own process. The last frame.
	 */
	public static final byte TOO_BUSY = 6;

	/** Acknowledgement: the output was written. */
	public static final byte WRITTEN = 0;

	/** Acknowledgement: the output could not be written. */
	public static final byte NOT_WRITTEN = 1;

	/**
	 * Acknowledgement: the output could not be written because its reader closed it
	 * ({@code pm task list | head -1}): not an error.
	 */
	public static final byte READER_GONE = 2;

	/**
	 * Returns whether a failed write failed because the reader of the output closed it: a
	 * broken pipe, which the JDK reports by its message only (it ignores
	 * {@code SIGPIPE}).
	 * @param ex the failure
	 * @return whether the reader went away
	 */
	public static boolean isReaderGone(IOException ex) {
		return "Broken pipe".equals(ex.getMessage());
	}

	private Protocol() {
	}

	/**
	 * Writes a frame with content.
	 * @param out where to
	 * @param type the frame's type
	 * @param content its content
	 * @throws IOException if it cannot be written
	 */
	public static void writeFrame(DataOutputStream out, byte type, byte[] content) throws IOException {
		out.writeByte(type);
		out.writeInt(content.length);
		out.write(content);
		out.flush();
	}

	/**
	 * Reads the content of a frame whose type byte was read.
	 * @param in where from
	 * @return the content
	 * @throws IOException if it cannot be read
	 */
	public static byte[] readContent(DataInputStream in) throws IOException {
		return readContent(in, Integer.MAX_VALUE);
	}

	/**
	 * Reads the content of a frame whose type byte was read, refusing a longer one.
	 * @param in where from
	 * @param maxLength the longest content accepted
	 * @return the content
	 * @throws IOException if it cannot be read, or its length is negative or over
	 * {@code maxLength}
	 */
	static byte[] readContent(DataInputStream in, int maxLength) throws IOException {
		int length = in.readInt();
		if (length < 0 || length > maxLength) {
			throw new IOException(
					"a length of " + length + " bytes, more than the " + maxLength + " a pm client sends");
		}
		byte[] content = new byte[length];
		in.readFully(content);
		return content;
	}

	/**
	 * Writes the last frame: the command's exit code.
	 * @param out where to
	 * @param exitCode the exit code
	 * @throws IOException if it cannot be written
	 */
	public static void writeExit(DataOutputStream out, int exitCode) throws IOException {
		out.writeByte(EXIT);
		out.writeInt(exitCode);
		out.flush();
	}

	static void writeString(DataOutputStream out, String value) throws IOException {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	static String readString(DataInputStream in, int maxLength) throws IOException {
		return new String(readContent(in, maxLength), StandardCharsets.UTF_8);
	}

}
