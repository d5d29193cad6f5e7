package dev.pm.cli.server;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.pm.cli.command.CommandOutput;
import dev.pm.cli.launch.LazyApplicationContext;
import dev.pm.cli.transport.Invocation;
import dev.pm.cli.transport.Protocol;
import dev.pm.cli.transport.Request;
import dev.pm.cli.transport.ServerFiles;
import dev.pm.cli.transport.ServerStatus;
import dev.pm.cli.transport.Sleep;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

import org.springframework.boot.convert.DurationStyle;

/**
 * The {@code pm} server of one database: it listens on the database's socket, runs each
 * client's command on a thread of its own with the client's output, working directory and
 * environment, and shares one application, and so the database's one connection, between
 * them. It stops after {@code PM_SERVER_IDLE} without a command (default 15 minutes), on
 * {@code pm server stop}, and when a client of another build asks it to, closing the
 * database cleanly each time.
 * <p>
 * Only one server runs per database: the server holds the database's lock file locked as
 * long as it runs (the operating system releases it if the server is killed), and a
 * server that cannot take it exits when another one answers.
 */
public final class PmServer {

	/** The system property that names the database of the server to run. */
	public static final String DATABASE_PROPERTY = "pm.server.database";

	/** The system property that names the directory of the server's files. */
	public static final String DIRECTORY_PROPERTY = "pm.server.directory";

	/** The environment variable that sets how long the server waits for a command. */
	public static final String IDLE_VARIABLE = "PM_SERVER_IDLE";

	/** How long the server waits for a command unless {@code PM_SERVER_IDLE} says. */
	public static final Duration DEFAULT_IDLE = Duration.ofMinutes(15);

	/**
	 * The environment variable that sets how long a client may keep the server waiting
	 * while it takes its output.
	 */
	public static final String OUTPUT_TIMEOUT_VARIABLE = "PM_SERVER_OUTPUT_TIMEOUT";

	/** How long a client may keep the server waiting for it to take its output. */
	public static final Duration DEFAULT_OUTPUT_TIMEOUT = Duration.ofSeconds(30);

	private static final long MAX_ACCEPT_BACKOFF_MILLIS = 1000;

	private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(60);

	private final ServerFiles files;

	private final LazyApplicationContext application;

	private final CommandLines commandLines;

	private final Duration idle;

	private final Clients clients;

	private final String build = ServerFiles.build();

	private final String settings = Invocation.settings(System.getenv());

	private final ExecutorService requests = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "pm-request");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicInteger running = new AtomicInteger();

	private final AtomicLong lastActive = new AtomicLong(System.nanoTime());

	private final AtomicInteger stopRequests = new AtomicInteger();

	private final CountDownLatch closed = new CountDownLatch(1);

	private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private volatile ServerSocketChannel listener;

	private UserPrincipal owner;

	PmServer(ServerFiles files, LazyApplicationContext application, Duration idle, Duration outputTimeout) {
		this.files = files;
		this.application = application;
		this.commandLines = new CommandLines(application);
		this.idle = idle;
		this.clients = new Clients(outputTimeout, System.err);
	}

	/**
	 * Runs the server named by the {@value #DATABASE_PROPERTY} system property until it
	 * stops.
	 * @param application the {@code @SpringBootApplication} class
	 * @param log where the server reports what goes wrong
	 * @return the exit code: 0 when it stopped, or found another server running; 2 when
	 * it could not start
	 */
	public static int run(Class<?> application, PrintStream log) {
		Map<String, String> environment = System.getenv();
		Path database = Path.of(System.getProperty(DATABASE_PROPERTY));
		Duration idle;
		Duration outputTimeout;
		try {
			idle = duration(environment, IDLE_VARIABLE, DEFAULT_IDLE);
			outputTimeout = duration(environment, OUTPUT_TIMEOUT_VARIABLE, DEFAULT_OUTPUT_TIMEOUT);
		}
		catch (IllegalArgumentException ex) {
			log.println("pm server: " + ex.getMessage());
			return 2;
		}
		LazyApplicationContext context = new LazyApplicationContext(application, environment);
		context.setProperty("pm.db.path", database.toString());
		try {
			ServerFiles files = ServerFiles.in(Path.of(System.getProperty(DIRECTORY_PROPERTY)), database);
			return new PmServer(files, context, idle, outputTimeout).serve();
		}
		catch (IOException ex) {
			log.println("pm server: cannot serve " + database + ": " + ex);
			return 2;
		}
	}

	/**
	 * Reads a duration from an environment variable.
	 * @param environment the environment variables
	 * @param variable the variable, {@code PM_SERVER_IDLE} say
	 * @param defaultValue the duration when it is not set
	 * @return the duration
	 * @throws IllegalArgumentException naming the variable if the value is not a positive
	 * duration
	 */
	static Duration duration(Map<String, String> environment, String variable, Duration defaultValue) {
		String value = environment.get(variable);
		if (value == null || value.isBlank()) {
			return defaultValue;
		}
		Duration idle;
		try {
			idle = DurationStyle.detectAndParse(value.strip(), ChronoUnit.SECONDS);
		}
		catch (IllegalArgumentException ex) {
			idle = Duration.ZERO;
		}
		if (idle.isNegative() || idle.isZero()) {
			throw new IllegalArgumentException("invalid value '" + value + "' for " + variable
					+ ": expected a positive duration such as 15m, 90s or 2h");
		}
		return idle;
	}

	int serve() throws IOException {
		this.files.createDirectory();
		this.owner = Files.getOwner(this.files.directory());
		try (FileChannel lockFile = FileChannel.open(this.files.lock(), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE)) {
			FileLock lock = lock(lockFile);
			if (lock == null) {
				return 0;
			}
			// Holding the lock, any socket file is a dead server's.
			Files.deleteIfExists(this.files.socket());
			this.listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
			this.listener.bind(UnixDomainSocketAddress.of(this.files.socket()));
			Files.setPosixFilePermissions(this.files.socket(), PosixFilePermissions.fromString("rw-------"));
			this.files.clearStarting();
			ScheduledExecutorService idleCheck = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "pm-idle");
				thread.setDaemon(true);
				return thread;
			});
			long period = Math.max(10, Math.min(1000, this.idle.toMillis() / 4));
			idleCheck.scheduleAtFixedRate(this::stopIfIdle, period, period, TimeUnit.MILLISECONDS);
			idleCheck.scheduleAtFixedRate(this.clients::dropStalled, 100, 100, TimeUnit.MILLISECONDS);
			startApplication();
			accept();
			idleCheck.shutdownNow();
			awaitCommands();
			this.application.close();
			Files.deleteIfExists(this.files.socket());
			this.closed.countDown();
			this.requests.shutdown();
			this.requests.awaitTermination(5, TimeUnit.SECONDS);
			lock.release();
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
	}

	/**
	 * Starts the application, and with it the database, while the server already answers:
	 * the command that started the server ran in its own process, and the next one should
	 * find the database open. A database that does not exist is left to the first command
	 * that uses it ({@code pm demo} starts a server, but works on a database of its own).
	 * A server whose application cannot start (a damaged database, say) says so in its
	 * log and stops; the commands then run in their own processes and report the error
	 * themselves.
	 */
	private void startApplication() {
		if (!Files.exists(this.files.database())) {
			return;
		}
		Thread starting = new Thread(() -> {
			try {
				this.application.start();
			}
			catch (RuntimeException ex) {
				System.err.println("pm server: the application did not start, so the server stops: " + ex.getMessage());
				stop();
			}
		}, "pm-start");
		starting.setDaemon(true);
		starting.start();
	}

	/**
	 * Takes the lock, waiting for a server that is stopping.
	 * @return the lock, or {@code null} if another server answers
	 */
	private FileLock lock(FileChannel lockFile) throws IOException {
		long deadline = System.nanoTime() + LOCK_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			FileLock lock = lockFile.tryLock();
			if (lock != null) {
				return lock;
			}
			try (SocketChannel other = SocketChannel.open(StandardProtocolFamily.UNIX)) {
				other.connect(UnixDomainSocketAddress.of(this.files.socket()));
				return null;
			}
			catch (IOException ex) {
				// The other server is starting or stopping: wait for it.
			}
			Sleep.quietly(20);
		}
		throw new IOException("another pm server held " + this.files.lock() + " for " + LOCK_TIMEOUT.toSeconds()
				+ "s without answering");
	}

	private void accept() {
		AcceptFailures failures = new AcceptFailures(System.err, MAX_ACCEPT_BACKOFF_MILLIS);
		while (true) {
			SocketChannel channel;
			try {
				channel = this.listener.accept();
			}
			catch (ClosedChannelException ex) {
				return;
			}
			catch (IOException ex) {
				// Out of file descriptors (EMFILE), say: transient, as clients leave.
				failures.failed(ex);
				continue;
			}
			failures.succeeded();
			Client client = this.clients.admit(channel);
			if (client == null) {
				tooBusy(channel);
				continue;
			}
			this.running.incrementAndGet();
			this.requests.execute(() -> {
				try (channel) {
					handle(client);
				}
				catch (IOException | RuntimeException ex) {
					// The client went away, or was dropped; its command ended as if its
					// output failed.
				}
				finally {
					this.clients.left(client);
					this.lastActive.set(System.nanoTime());
					this.running.decrementAndGet();
				}
			});
		}
	}

	private static void tooBusy(SocketChannel channel) {
		try (channel) {
			DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
			Protocol.writeFrame(out, Protocol.TOO_BUSY, new byte[0]);
		}
		catch (IOException ex) {
			// The client runs its command itself all the same.
		}
	}

	private void handle(Client client) throws IOException {
		UnixDomainPrincipal peer = client.channel().getOption(ExtendedSocketOptions.SO_PEERCRED);
		if (!accepts(peer.user())) {
			System.err.println("pm server: refused a connection of user " + peer.user().getName());
			return;
		}
		DataInputStream in = client.in();
		DataOutputStream out = client.out();
		Request request = Request.read(in);
		client.requestRead(CommandName.of(request.args()));
		switch (request.kind()) {
			case Protocol.STATUS ->
				reply(in, out, request.args().contains("--json") ? status().json() : status().text());
			case Protocol.STOP -> {
				this.stopRequests.incrementAndGet();
				stop();
				awaitClosed();
				reply(in, out, "Stopped the pm server for " + this.files.database() + ".\n");
			}
			default -> runCommand(request, in, out);
		}
	}

	/**
	 * Whether a client may use the server: only its own user.
	 * @param user the client's user
	 * @return whether it may
	 */
	boolean accepts(UserPrincipal user) {
		return user.equals(this.owner);
	}

	private void runCommand(Request request, DataInputStream in, DataOutputStream out) throws IOException {
		if (!this.build.equals(request.build())) {
			Protocol.writeFrame(out, Protocol.RETIRED, new byte[0]);
			stop();
			return;
		}
		if (!this.settings.equals(request.settings()) || !isForThisDatabase(request)) {
			Protocol.writeFrame(out, Protocol.OTHER_SETTINGS, new byte[0]);
			return;
		}
		PrintWriter stdout = new CommandOutput(new FramedOutput(Protocol.OUT, out, in), false);
		PrintWriter stderr = new CommandOutput(new FramedOutput(Protocol.ERR, out, null), false);
		// The thread's name is what a command waiting for the database connection reads
		// of the command that holds it.
		Thread thread = Thread.currentThread();
		String threadName = thread.getName();
		thread.setName(CommandName.of(request.args()));
		int exitCode;
		try {
			exitCode = this.commandLines.execute(request.environment(), Path.of(request.workingDirectory()), stdout,
					stderr, request.args());
		}
		finally {
			thread.setName(threadName);
		}
		stdout.flush();
		stderr.flush();
		synchronized (out) {
			Protocol.writeExit(out, exitCode);
		}
	}

	/**
	 * Whether a command uses this server's database: the socket is named after a hash of
	 * the database, which another database may share.
	 */
	private boolean isForThisDatabase(Request request) {
		Invocation invocation = new Invocation(request.args(), request.environment(),
				Path.of(request.workingDirectory()));
		return invocation.database().equals(this.files.database());
	}

	private void awaitClosed() {
		try {
			this.closed.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void reply(DataInputStream in, DataOutputStream out, String text) throws IOException {
		Protocol.writeFrame(out, Protocol.OUT, text.getBytes(StandardCharsets.UTF_8));
		in.readByte();
		Protocol.writeExit(out, 0);
	}

	private ServerStatus status() {
		return new ServerStatus(this.files.database().toString(), ServerStatus.RUNNING, ProcessHandle.current().pid(),
				this.started.toString(), describe(this.idle), this.files);
	}

	private static String describe(Duration duration) {
		return duration.toString().substring(2).toLowerCase(Locale.ROOT);
	}

	private void stopIfIdle() {
		if (this.running.get() == 0 && System.nanoTime() - this.lastActive.get() >= this.idle.toNanos()) {
			stop();
		}
	}

	/**
	 * Stops accepting commands; those running finish, then the server closes the database
	 * and exits.
	 */
	void stop() {
		try {
			this.listener.close();
		}
		catch (IOException ex) {
			// Closed already.
		}
	}

	private void awaitCommands() {
		// The command that asked the server to stop is one of them, and waits for the
		// database to close: wait for the others, but not for clients that do not read.
		long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		while (this.running.get() > this.stopRequests.get() && System.nanoTime() < deadline) {
			this.clients.dropThoseDelayingTheStop();
			Sleep.quietly(10);
		}
	}

}
