package dev.pm.cli.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.pm.cli.transport.Invocation;
import dev.pm.cli.transport.Protocol;
import dev.pm.cli.transport.Request;
import dev.pm.cli.transport.ServerFiles;

/**
 * {@code pm} as the launcher runs it: sends the command to the server of its database and
 * prints what comes back. Needs nothing but the JDK, so that it starts about as fast as
 * an empty JVM.
 * <p>
 * A command runs in a JVM of its own instead when no server listens (it starts one in the
 * background for the next commands), when the server is off ({@code PM_SERVER=off},
 * {@code --no-server}), when it needs no database and no server runs ({@code --help}),
 * when the client's database settings differ from the server's, and when the server's
 * directory is unusable (with a warning).
 */
public final class PmClient {

	/**
	 * The exit code of a command whose connection to the server ended before its exit
	 * code arrived: its change may have been saved (pm's exit code of a command that
	 * failed after its change was saved).
	 */
	static final int CHANGE_UNKNOWN = 3;

	private static final String SELECTOR_PROVIDER = "java.nio.channels.spi.SelectorProvider";

	private static final String LINUX_SELECTOR_PROVIDER = "sun.nio.ch.EPollSelectorProvider";

	private final Invocation invocation;

	private final ApplicationJvm jvm;

	private final OutputStream out;

	private final PrintStream err;

	private boolean otherSettings;

	private boolean tooBusy;

	PmClient(Invocation invocation, ApplicationJvm jvm, OutputStream out, PrintStream err) {
		this.invocation = invocation;
		this.jvm = jvm;
		this.out = out;
		this.err = err;
	}

	/**
	 * Runs one pm command and exits with its exit code.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		nameTheSelectorProvider();
		PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
		Path workingDirectory = Path.of("").toAbsolutePath();
		List<String> expanded;
		try {
			expanded = ArgumentFiles.expand(List.of(args), workingDirectory);
		}
		catch (IllegalArgumentException ex) {
			err.println("pm: " + ex.getMessage());
			System.exit(2);
			return;
		}
		Invocation invocation = new Invocation(expanded, System.getenv(), workingDirectory);
		PmClient client = new PmClient(invocation, ApplicationJvm.fromLauncher(System.getenv()),
				new FileOutputStream(FileDescriptor.out), err);
		System.exit(client.run());
	}

	/**
	 * Names the JDK's own selector provider on Linux. Otherwise the first socket makes
	 * the JDK look for another provider with a {@code ServiceLoader} on the class path,
	 * which cost JDK 17 about a fifth of the client's run (JDK 25, with its AOT cache,
	 * hardly notices). A JDK without that class, or a provider chosen with
	 * {@code -Djava.nio.channels.spi.SelectorProvider}, is left as it is.
	 */
	static void nameTheSelectorProvider() {
		if (System.getProperty(SELECTOR_PROVIDER) != null || !"Linux".equals(System.getProperty("os.name"))) {
			return;
		}
		try {
			Class.forName(LINUX_SELECTOR_PROVIDER, false, null);
			System.setProperty(SELECTOR_PROVIDER, LINUX_SELECTOR_PROVIDER);
		}
		catch (ClassNotFoundException ex) {
			// Another JDK: the ServiceLoader finds its provider.
		}
	}

	/**
	 * Runs the command.
	 * @return its exit code
	 */
	int run() {
		if (this.jvm == null) {
			this.err.println("pm: the client runs only from the pm launcher, beside pm-app/");
			return 1;
		}
		if (this.invocation.serverOff()) {
			return inOwnProcess();
		}
		ServerFiles files = ServerFiles.of(this.invocation.database(), this.invocation.environment());
		try {
			files.createDirectory();
		}
		catch (IOException | UnsupportedOperationException ex) {
			return withoutServer("its directory is unusable: " + ex.getMessage());
		}
		ServerConnector connector = new ServerConnector(files, this.jvm, this.invocation.environment());
		if ("server".equals(this.invocation.command()) && ServerControl.handles(this.invocation)) {
			return new ServerControl(this, connector, this.invocation.args().contains("--json"))
				.run(this.invocation.subcommand());
		}
		if (this.invocation.needsNoDatabase() && !Files.exists(files.socket())) {
			return inOwnProcess();
		}
		for (int attempt = 0; attempt < 3; attempt++) {
			try (SocketChannel channel = connector.connect()) {
				if (channel == null) {
					// No server listens: this command runs in a JVM of its own, as
					// fast as before the server, and then a server starts in the
					// background for the next ones (not before: two JVMs starting at
					// once on two cores take twice as long).
					int exitCode = inOwnProcess();
					connector.startInBackground();
					return exitCode;
				}
				Integer exitCode = send(channel, Protocol.RUN);
				if (exitCode != null) {
					return exitCode;
				}
				if (this.otherSettings) {
					return inOwnProcess();
				}
				if (this.tooBusy) {
					return withoutServer("it is serving as many commands as it takes");
				}
				// A server of another build: it stops; start ours.
				connector.awaitStopped();
			}
			catch (ServerLostException ex) {
				this.err.println("pm: the connection to the pm server for " + files.database() + " ended before the"
						+ " command finished (see " + files.log() + "); a change it made may have been saved: check"
						+ " before running the command again");
				// Not 1, which means that nothing changed.
				return CHANGE_UNKNOWN;
			}
			catch (IOException ex) {
				return withoutServer(ex.getMessage());
			}
		}
		return withoutServer("a server of another build of pm kept answering");
	}

	/**
	 * Sends a request and prints what comes back.
	 * @return the exit code, or {@code null} if the server retired or has other settings
	 */
	Integer send(SocketChannel channel, byte kind) throws IOException {
		DataOutputStream request = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
		DataInputStream response = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
		try {
			Request.of(kind, this.invocation).write(request);
		}
		catch (IOException ex) {
			// The server closed the connection before reading: it was stopping.
			return null;
		}
		try {
			while (true) {
				byte type = response.readByte();
				switch (type) {
					case Protocol.OUT -> {
						byte[] content = Protocol.readContent(response);
						request.writeByte(writeOutput(content));
						request.flush();
					}
					case Protocol.ERR -> writeError(Protocol.readContent(response));
					case Protocol.EXIT -> {
						return response.readInt();
					}
					case Protocol.OTHER_SETTINGS -> {
						this.otherSettings = true;
						return null;
					}
					case Protocol.RETIRED -> {
						return null;
					}
					case Protocol.TOO_BUSY -> {
						this.tooBusy = true;
						return null;
					}
					default -> throw new ServerLostException();
				}
			}
		}
		catch (IOException ex) {
			// The connection ended before the exit code: the server died.
			throw new ServerLostException();
		}
	}

	private byte writeOutput(byte[] content) {
		try {
			this.out.write(content);
			this.out.flush();
			return Protocol.WRITTEN;
		}
		catch (IOException ex) {
			return Protocol.isReaderGone(ex) ? Protocol.READER_GONE : Protocol.NOT_WRITTEN;
		}
	}

	private void writeError(byte[] content) {
		// Nothing to tell if standard error fails too.
		this.err.write(content, 0, content.length);
		this.err.flush();
	}

	/**
	 * Runs the command in a JVM of its own, as {@code PM_SERVER=off} does.
	 * @return its exit code
	 */
	int inOwnProcess() {
		try {
			Process process = new ProcessBuilder(this.jvm.inProcess(this.invocation.args())).inheritIO().start();
			return process.waitFor();
		}
		catch (IOException ex) {
			this.err.println("pm: cannot start java: " + ex.getMessage());
			return 1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 1;
		}
	}

	private int withoutServer(String reason) {
		this.err.println("pm: warning: no pm server for " + this.invocation.database() + ": " + reason
				+ "; the command runs without it (PM_SERVER=off does so silently)");
		return inOwnProcess();
	}

	PrintStream err() {
		return this.err;
	}

	OutputStream out() {
		return this.out;
	}

	/** The server went away before it sent the exit code. */
	static final class ServerLostException extends IOException {

		ServerLostException() {
			super(null, null);
		}

	}

}
