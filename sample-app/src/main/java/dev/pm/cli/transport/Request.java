package dev.pm.cli.transport;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client's request, the first thing on a connection.
 *
 * @param kind {@link Protocol#RUN}, {@link Protocol#STATUS} or {@link Protocol#STOP}
 * @param build the client's build, which the server must share
 * @param settings the client's database settings, which the server must share
 * @param workingDirectory the client's working directory, absolute
 * @param environment the environment variables the command reads
 * @param args the command line
 */
public record Request(byte kind, String build, String settings, String workingDirectory,
		Map<String, String> environment, List<String> args) {

	/** The longest string a request holds: an argument, a variable, a directory. */
	static final int MAX_STRING = 1024 * 1024;

	/** The most arguments, or environment variables, a request holds. */
	static final int MAX_COUNT = 100_000;

	/**
	 * Returns the request of a command line.
	 * @param kind {@link Protocol#RUN}, {@link Protocol#STATUS} or {@link Protocol#STOP}
	 * @param invocation the command line, environment and working directory
	 * @return the request, with the variables a command reads: {@code PM_*}, {@code USER}
	 * and {@code HOME}
	 */
	public static Request of(byte kind, Invocation invocation) {
		Map<String, String> environment = new LinkedHashMap<>();
		for (Map.Entry<String, String> variable : invocation.environment().entrySet()) {
			String name = variable.getKey();
			if (name.startsWith("PM_") || name.equals("USER") || name.equals("HOME")) {
				environment.put(name, variable.getValue());
			}
		}
		return new Request(kind, ServerFiles.build(), Invocation.settings(invocation.environment()),
				invocation.workingDirectory().toString(), environment, invocation.args());
	}

	/**
	 * Writes the request.
	 * @param out where to
	 * @throws IOException if it cannot be written
	 */
	public void write(DataOutputStream out) throws IOException {
		Protocol.writeString(out, Protocol.MAGIC);
		out.writeByte(this.kind);
		Protocol.writeString(out, this.build);
		Protocol.writeString(out, this.settings);
		Protocol.writeString(out, this.workingDirectory);
		out.writeInt(this.environment.size());
		for (Map.Entry<String, String> variable : this.environment.entrySet()) {
			Protocol.writeString(out, variable.getKey());
			Protocol.writeString(out, variable.getValue());
		}
		out.writeInt(this.args.size());
		for (String arg : this.args) {
			Protocol.writeString(out, arg);
		}
		out.flush();
	}

	/**
	 * Reads a request.
	 * @param in where from
	 * @return the request
	 * @throws IOException if it cannot be read, is not a pm request, or is larger than a
	 * pm client sends
	 */
	public static Request read(DataInputStream in) throws IOException {
		if (!Protocol.MAGIC.equals(Protocol.readString(in, Protocol.MAGIC.length()))) {
			throw new IOException("not a pm client");
		}
		byte kind = in.readByte();
		String build = Protocol.readString(in, MAX_STRING);
		String settings = Protocol.readString(in, MAX_STRING);
		String workingDirectory = Protocol.readString(in, MAX_STRING);
		Map<String, String> environment = new LinkedHashMap<>();
		for (int count = count(in); count > 0; count--) {
			environment.put(Protocol.readString(in, MAX_STRING), Protocol.readString(in, MAX_STRING));
		}
		List<String> args = new ArrayList<>();
		for (int count = count(in); count > 0; count--) {
			args.add(Protocol.readString(in, MAX_STRING));
		}
		return new Request(kind, build, settings, workingDirectory, environment, args);
	}

	private static int count(DataInputStream in) throws IOException {
		int count = in.readInt();
		if (count < 0 || count > MAX_COUNT) {
			throw new IOException("a count of " + count + ", more than the " + MAX_COUNT + " a pm client sends");
		}
		return count;
	}

}
