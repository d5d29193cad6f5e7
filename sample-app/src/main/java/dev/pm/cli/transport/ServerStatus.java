package dev.pm.cli.transport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code pm server status} says, for people or as JSON ({@code --json}): the server
 * answers for itself while it runs; the client says that none runs, or that one is
 * starting or stopping.
 *
 * @param database the database the server is for
 * @param state {@link #RUNNING}, {@link #STOPPED} or {@link #CHANGING}
 * @param pid the server's process id, or {@code null} unless it runs
 * @param since when it started (ISO-8601, UTC), or {@code null} unless it runs
 * @param idleTimeout how long it waits for a command before it stops, such as
 * {@code 15m}, or {@code null} unless it runs
 * @param files its socket and log
 */
public record ServerStatus(String database, String state, Long pid, String since, String idleTimeout,
		ServerFiles files) {

	/** The state of a server that runs. */
	public static final String RUNNING = "running";

	/** The state when no server runs. */
	public static final String STOPPED = "stopped";

	/** The state of a server that is starting or stopping. */
	public static final String CHANGING = "starting or stopping";

	/**
	 * Returns the status of no server.
	 * @param files the files of the database's server
	 * @param state {@link #STOPPED} or {@link #CHANGING}
	 * @return the status
	 */
	public static ServerStatus without(ServerFiles files, String state) {
		return new ServerStatus(files.database().toString(), state, null, null, null, files);
	}

	/**
	 * Returns the status for people, one line and the server's files.
	 * @return the text
	 */
	public String text() {
		return switch (this.state) {
			case RUNNING -> "pm server for " + this.database + ": running since " + this.since + ", pid " + this.pid
					+ ", stops after " + this.idleTimeout + " without a command\n  socket " + this.files.socket()
					+ "\n  log    " + this.files.log() + "\n";
			case STOPPED -> "No pm server runs for " + this.database + ".\n";
			default -> "A pm server for " + this.database + " is " + this.state + ".\n";
		};
	}

	/**
	 * Returns the status as JSON, in the layout of pm's other JSON.
	 * @return {@code {"database" : ..., "state" : ..., "pid" : ..., ...}}
	 */
	public String json() {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("database", this.database);
		fields.put("state", this.state);
		fields.put("pid", this.pid);
		fields.put("since", this.since);
		fields.put("idleTimeout", this.idleTimeout);
		fields.put("socket", this.files.socket().toString());
		fields.put("log", this.files.log().toString());
		StringBuilder json = new StringBuilder("{\n");
		String separator = "";
		for (Map.Entry<String, Object> field : fields.entrySet()) {
			json.append(separator).append("  ").append(string(field.getKey())).append(" : ");
			Object value = field.getValue();
			json.append((value instanceof String text) ? string(text) : String.valueOf(value));
			separator = ",\n";
		}
		return json.append("\n}\n").toString();
	}

	private static String string(String value) {
		StringBuilder json = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04X", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"').toString();
	}

}
