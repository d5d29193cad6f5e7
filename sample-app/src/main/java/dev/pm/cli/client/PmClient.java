package dev.pm.cli.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

	/** How long a client waits for a server it started to listen. */
	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

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
		if ("server".equals(this.invocation.command()) && ServerControl.handles(this.invocation)) {
			return new ServerControl(this, files).run(this.invocation.subcommand());
		}
		if (this.invocation.needsNoDatabase() && !Files.exists(files.socket())) {
			return inOwnProcess();
		}
		for (int attempt = 0; attempt < 3; attempt++) {
			try (SocketChannel channel = connect(files)) {
				if (channel == null) {
					// No server listens: this command runs in a JVM of its own, as
					// fast as before the server, and then a server starts in the
					// background for the next ones (not before: two JVMs starting at
					// once on two cores take twice as long).
					int exitCode = inOwnProcess();
					startInBackground(files);
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
				awaitStopped(files);
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
		Map<String, String> environment = new LinkedHashMap<>();
		for (Map.Entry<String, String> variable : this.invocation.environment().entrySet()) {
			String name = variable.getKey();
			if (name.startsWith("PM_") || name.equals("USER") || name.equals("HOME")) {
				environment.put(name, variable.getValue());
			}
		}
		try {
			new Protocol.Request(kind, ServerFiles.build(), Invocation.settings(this.invocation.environment()),
					this.invocation.workingDirectory().toString(), environment, this.invocation.args())
				.write(request);
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
	 * Connects to the running server, or starts one and connects to it.
	 * @return the connection, or {@code null} if no server could be started
	 */
	SocketChannel connectOrStart(ServerFiles files) throws IOException {
		SocketChannel channel = connect(files);
		if (channel != null) {
			return channel;
		}
		Process server = startServer(files);
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			channel = connect(files);
			if (channel != null) {
				return channel;
			}
			// A server that lost the race to another exits 0, and the other one listens
			// soon.
			if (!server.isAlive() && server.exitValue() != 0) {
				return null;
			}
			sleep(5);
		}
		return null;
	}

	/**
	 * Connects to the server, waiting for one that is starting (it holds the lock).
	 * @return the connection, or {@code null} if no server listens or is about to
	 */
	static SocketChannel awaitListening(ServerFiles files) throws IOException {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			SocketChannel channel = connect(files);
			if (channel != null || !files.hasServer()) {
				return channel;
			}
			sleep(10);
		}
		return null;
	}

	/**
	 * Connects to the server.
	 * @return the connection, or {@code null} if no server listens
	 */
	static SocketChannel connect(ServerFiles files) {
		SocketChannel channel = null;
		try {
			channel = SocketChannel.open(StandardProtocolFamily.UNIX);
			channel.connect(UnixDomainSocketAddress.of(files.socket()));
			return channel;
		}
		catch (IOException ex) {
			// No socket, or a stale one of a server that was killed.
			close(channel);
			return null;
		}
	}

	private static void close(SocketChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// Nothing was sent.
			}
		}
	}

	/**
	 * Starts the server, unless one is starting or stopping already. A server that cannot
	 * start says why in its log; the commands run without it.
	 */
	void startInBackground(ServerFiles files) {
		try {
			if (!files.hasServer()) {
				startServer(files);
			}
		}
		catch (IOException ex) {
			// No server this time: the command runs all the same.
		}
	}

	Process startServer(ServerFiles files) throws IOException {
		List<String> command = this.jvm.server(files);
		// Its own session, so that closing the terminal does not stop it.
		if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
			command.add(0, "/usr/bin/setsid");
		}
		files.rotateLogIfLarge();
		ProcessBuilder builder = new ProcessBuilder(command).directory(files.directory().toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.redirectOutput(ProcessBuilder.Redirect.appendTo(files.log().toFile()))
			.redirectErrorStream(true);
		builder.environment().clear();
		builder.environment().putAll(this.invocation.environment());
		Process server = builder.start();
		files.markStarting(server.pid());
		return server;
	}

	/**
	 * Waits until a stopping server has released its lock (its socket is gone).
	 */
	static void awaitStopped(ServerFiles files) {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (Files.exists(files.socket()) && System.nanoTime() < deadline) {
			SocketChannel channel = connect(files);
			if (channel == null) {
				return;
			}
			close(channel);
			sleep(10);
		}
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

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
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
