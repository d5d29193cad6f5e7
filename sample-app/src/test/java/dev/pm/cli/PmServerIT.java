package dev.pm.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.pm.cli.Launcher.Run;
import dev.pm.cli.Launcher.Started;
import dev.pm.cli.transport.Invocation;
import dev.pm.cli.transport.Protocol;
import dev.pm.cli.transport.Request;
import dev.pm.cli.transport.ServerFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.SQLiteJDBCLoader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The pm server through the launcher: started once per database whatever the number of
 * clients, gone when idle, replaced when of another build, and a server killed in the
 * middle of a command costs that command, not the next one.
 */
class PmServerIT {

	private static final String ARCHIVED = "dev.pm.cli.PmApplication source: shared objects file";

	private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

	@TempDir
	Path directory;

	private Path database;

	private Launcher pm;

	@BeforeEach
	void launcher() {
		this.database = this.directory.resolve("pm.db");
		this.pm = new Launcher(this.directory, true).with("PM_DB_PATH", this.database.toString());
	}

	@AfterEach
	void stopTheServer() throws Exception {
		this.pm.stopServers(this.database);
	}

	/**
	 * Eight commands at once with no server: each runs in its own process (as fast as
	 * before the server) and asks for a server in the background; one server remains.
	 */
	@Test
	void clientsStartingAtOnceLeaveOneServer() throws Exception {
		List<Started> adds = new ArrayList<>();
		for (int epic = 1; epic <= 8; epic++) {
			adds.add(this.pm.start("epic", "add", "E0" + epic, "Epic " + epic));
		}
		for (Started add : adds) {
			Run run = add.finish();
			assertThat(run.exitCode()).as(run.err()).isZero();
			assertThat(run.err()).isEmpty();
		}

		assertThat(this.pm.pm("epic", "list").out()).contains("E01", "E08");
		long server = awaitServerPid();
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (serverProcesses().size() > 1 && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(serverProcesses()).extracting(ProcessHandle::pid).containsExactly(server);
	}

	/**
	 * The command that finds no server starts one as it ends, and the server takes a
	 * moment to take its lock: a stop right after it still stops that server.
	 */
	@Test
	void aStopRightAfterTheCommandThatStartedTheServerStopsIt() throws Exception {
		assertThat(this.pm.pm("epic", "list").exitCode()).isZero();

		Run stop = this.pm.pm("server", "stop");

		assertThat(stop.out()).isEqualTo("Stopped the pm server for " + this.database + ".\n");
	}

	@Test
	void aServerKilledInTheMiddleOfACommandCostsThatCommandOnly() throws Exception {
		startServer();
		assertThat(this.pm.pm("epic", "add", "E01", "Acknowledged").exitCode()).isZero();
		long first = this.pm.serverPid();
		ProcessHandle killedFirst = ProcessHandle.of(first).orElseThrow();
		killedFirst.destroyForcibly();
		// Dead, not dying: a dying server may still accept a connection it never answers.
		killedFirst.onExit().get();
		assertThat(epics()).as("a write the client acknowledged is on disk").containsExactly("E01");

		this.pm.with("PM_DB_BUSY_TIMEOUT", "60s");
		// The dead server's socket is left behind; it does not stop a new server.
		startServer();
		Run killed;
		try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + this.database);
				Statement statement = other.createStatement()) {
			statement.execute("BEGIN IMMEDIATE");
			ProcessHandle server = ProcessHandle.of(this.pm.serverPid()).orElseThrow();
			int sockets = sockets(server);
			Started waiting = this.pm.start("epic", "add", "E02", "Waits for the lock");
			// The client's JVM may take seconds to start on a loaded machine: the server
			// is killed once the client is connected (its command waits for the lock).
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (sockets(server) <= sockets && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			assertThat(sockets(server)).as("sockets of the server, with the client's").isGreaterThan(sockets);
			server.destroyForcibly();
			server.onExit().get();
			killed = waiting.finish();
			statement.execute("ROLLBACK");
		}
		assertThat(socket()).as("the dead server's socket").exists();
		Run next = this.pm.pm("epic", "list");

		assertThat(killed.exitCode()).as("not 1: the change may have been saved").isEqualTo(3);
		assertThat(killed.out()).isEmpty();
		assertThat(killed.err())
			.startsWith("pm: the connection to the pm server for " + this.database + " ended before the command")
			.hasLineCount(1);
		assertThat(next.exitCode()).as(next.err()).isZero();
		assertThat(next.out()).contains("E01").doesNotContain("E02");
		assertThat(awaitServerPid()).as("the server the next command started").isNotEqualTo(first);
	}

	@Test
	void serverStatusAsJsonSaysWhetherOneRunsWithItsProcessSocketAndLog() throws Exception {
		JsonNode stopped = JsonMapper.builder().build().readTree(this.pm.pm("server", "status", "--json").out());
		startServer();
		JsonNode running = JsonMapper.builder().build().readTree(this.pm.pm("server", "status", "--json").out());

		assertThat(stopped.get("state").asString()).isEqualTo("stopped");
		assertThat(stopped.get("database").asString()).isEqualTo(this.database.toString());
		assertThat(stopped.get("pid").isNull()).isTrue();
		assertThat(running.get("state").asString()).isEqualTo("running");
		assertThat(running.get("pid").asLong()).isEqualTo(this.pm.serverPid());
		assertThat(running.get("idleTimeout").asString()).isEqualTo("2m");
		assertThat(running.get("socket").asString()).isEqualTo(socket().toString());
		assertThat(Instant.parse(running.get("since").asString())).isBeforeOrEqualTo(Instant.now());
	}

	@Test
	void anIdleServerStopsAndClosesTheDatabase() throws Exception {
		this.pm.with("PM_SERVER_IDLE", "1s");
		startServer();
		assertThat(this.pm.pm("epic", "add", "E01", "Then idle").exitCode()).isZero();

		// Found by its arguments, not with pm server status: on a loaded machine a JVM
		// may
		// take longer to start than the server stays. If the command ran in its own
		// process because the server was gone, the server it started stops too.
		for (ProcessHandle server : serverProcesses()) {
			server.onExit().get();
		}

		assertThat(socket()).doesNotExist();
		// Closed cleanly: the starter checkpoints and truncates the WAL on close.
		Path wal = this.directory.resolve("pm.db-wal");
		assertThat(!Files.exists(wal) || Files.size(wal) == 0).as("empty or no WAL").isTrue();
		assertThat(this.pm.pm("server", "status").out()).isEqualTo("No pm server runs for " + this.database + ".\n");
	}

	@Test
	void aServerOfAnotherBuildIsReplaced() throws Exception {
		startServer();
		assertThat(this.pm.pm("epic", "add", "E01", "Old build").exitCode()).isZero();
		ProcessHandle old = ProcessHandle.of(this.pm.serverPid()).orElseThrow();

		byte answer = firstAnswer(new Request(Protocol.RUN, "another build", "", this.directory.toString(), Map.of(),
				List.of("epic", "list")));
		old.onExit().get();
		Run list = this.pm.pm("epic", "list");

		assertThat(answer).isEqualTo(Protocol.RETIRED);
		assertThat(list.out()).contains("E01");
		assertThat(awaitServerPid()).isNotEqualTo(old.pid());
	}

	/**
	 * Sockets are named after a hash of the database: a client of another database with
	 * the same hash reaches this server, which leaves the command to it.
	 */
	@Test
	void aServerRunsNoCommandOfAnotherDatabase() throws Exception {
		startServer();
		assertThat(this.pm.pm("epic", "add", "E01", "Here").exitCode()).isZero();
		Path other = this.directory.resolve("other.db");

		byte answer = firstAnswer(new Request(Protocol.RUN, ServerFiles.build(), Invocation.settings(System.getenv()),
				this.directory.toString(), Map.of(),
				List.of("--db", other.toString(), "epic", "add", "E02", "Elsewhere")));

		assertThat(answer).isEqualTo(Protocol.OTHER_SETTINGS);
		assertThat(epics()).containsExactly("E01");
		assertThat(other).doesNotExist();
	}

	/**
	 * A database the application refuses: the command says why in its own process, and
	 * the server it started in the background stops, with the reason in its log.
	 */
	@Test
	void aServerWhoseDatabaseIsRefusedStopsAndSaysWhyInItsLog() throws Exception {
		Files.writeString(this.database, "not a database, and never changed by pm\n");

		Run run = this.pm.pm("epic", "list");

		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).contains("is not an SQLite database").hasLineCount(1);
		ServerFiles files = ServerFiles.of(this.database,
				Map.of("PM_SERVER_DIR", this.directory.resolve("server").toString()));
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (!(Files.exists(files.log()) && Files.readString(files.log()).contains("did not start"))
				&& System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(Files.readString(files.log()))
			.contains("pm server: the application did not start, so the server stops: ")
			.contains("is not an SQLite database");
		assertThat(this.pm.pm("server", "stop").out()).isEqualTo("No pm server runs for " + this.database + ".\n");
		assertThat(Files.readString(this.database)).isEqualTo("not a database, and never changed by pm\n");
	}

	/**
	 * {@code pm demo} works on a temporary database, and starts the server of the
	 * configured one for the next commands: that server does not create the database.
	 */
	@Test
	void aServerLeavesADatabaseThatDoesNotExistToTheCommands() throws Exception {
		Run demo = this.pm.pm("demo");

		assertThat(demo.exitCode()).as(demo.err()).isZero();
		awaitServerPid();
		assertThat(this.database).doesNotExist();
		assertThat(this.pm.pm("epic", "list").out()).isEqualTo("No epics.\n");
		assertThat(this.database).exists();
	}

	@Test
	void aServerDirectoryOthersCanEnterIsRefusedWithAWarning() throws Exception {
		Files.createDirectory(this.directory.resolve("server"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

		Run run = this.pm.pm("epic", "list");

		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).isEqualTo("No epics.\n");
		assertThat(run.err()).startsWith("pm: warning: no pm server for " + this.database)
			.contains("only it can enter (rwx------)", "rwxr-xr-x", "PM_SERVER_DIR")
			.hasLineCount(1);
	}

	@Test
	void pmInItsOwnProcessWorksBesideTheServer() throws Exception {
		startServer();
		assertThat(this.pm.pm("epic", "add", "E01", "Through the server").exitCode()).isZero();

		Run beside = new Launcher(this.directory, false).with("PM_DB_PATH", this.database.toString())
			.pm("epic", "add", "E02", "Beside it");
		Run list = this.pm.pm("epic", "list");

		assertThat(beside.exitCode()).as(beside.err()).isZero();
		assertThat(list.out()).contains("E01", "E02");
	}

	@Test
	void theLauncherRunsThroughASymbolicLinkOnThePath() throws Exception {
		Path bin = Files.createDirectories(this.directory.resolve("bin"));
		Path link = Files.createSymbolicLink(bin.resolve("pm"), Launcher.SCRIPT.toAbsolutePath());

		Run run = this.pm.script(link).pm("epic", "list");

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).isEqualTo("No epics.\n");
	}

	/**
	 * Installed where the path has a space, by a copy made after the build: the copy's
	 * archives name the build's directory, so the launcher trains them again for the new
	 * one. (JDK 17 maps that archive but loads the application's classes from their jars
	 * when their path has a space; JDK 25 uses its AOT cache there too.)
	 */
	@Test
	void theLauncherRunsFromAnInstallPathWithSpaces() throws Exception {
		Path installed = install(this.directory.resolve("my tools"), true);
		this.pm.script(installed);

		Run started = this.pm.pm("server", "start");
		Run run = this.pm.pm("epic", "list");

		assertThat(started.exitCode()).as(started.err()).isZero();

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).isEqualTo("No epics.\n");
		assertThat(run.err()).isEmpty();
		String trainedHere = "Opened archive " + installed.resolveSibling("pm-app").resolve("cds");
		Run inProcess = awaitOutput(new Launcher(this.directory, false).script(installed)
			.with("PM_DB_PATH", this.database.toString())
			.with("PM_JAVA_OPTS", "-Xlog:cds=info"), trainedHere);
		assertThat(inProcess.exitCode()).isZero();
		assertThat(inProcess.out()).as("the archive trained for the new place").contains(trainedHere);
	}

	/**
	 * The server checks the user of each connection: root may enter any directory, so a
	 * server of another user is where the check alone refuses it.
	 */
	@Test
	void aServerRefusesTheConnectionOfAnotherUser() throws Exception {
		assumeTrue(Files.isExecutable(SETPRIV) && "root".equals(System.getProperty("user.name")),
				"needs root and setpriv to run a server as another user");
		Path shared = Files.createTempDirectory(Path.of("/tmp"), "pm-other-user");
		try {
			Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
			Path installed = install(shared.resolve("pm"), false);
			Path home = Files.createDirectory(shared.resolve("home"));
			Files.setOwner(home, home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
			Path database = home.resolve("pm.db");
			Launcher nobody = new Launcher(home, true).script(installed)
				.runAs(SETPRIV.toString(), "--reuid=nobody", "--regid=nogroup", "--clear-groups")
				.with("PM_DB_PATH", database.toString())
				.with("HOME", home.toString());
			assertThat(nobody.pm("server", "start").exitCode()).isZero();
			ServerFiles files = ServerFiles.of(database, Map.of("PM_SERVER_DIR", home.resolve("server").toString()));
			try {
				try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
					channel.connect(UnixDomainSocketAddress.of(files.socket()));
					Request request = new Request(Protocol.RUN, ServerFiles.build(),
							Invocation.settings(System.getenv()), home.toString(),
							Map.of("PM_DB_PATH", database.toString()), List.of("epic", "add", "E01", "Root was here"));
					assertThat(sendOrReset(channel, request)).as("the server closed without answering").isEqualTo(-1);
				}
				assertThat(Files.readString(files.log())).contains("pm server: refused a connection of user root");
				assertThat(nobody.pm("epic", "list").out()).isEqualTo("No epics.\n");
			}
			finally {
				nobody.pm("server", "stop");
			}
		}
		finally {
			FileSystemUtils.deleteRecursively(shared);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "on", "off" })
	void sqliteJdbcLeavesTheTemporaryDirectoryAsItWas(String server) throws Exception {
		Path temporary = Files.createDirectories(this.directory.resolve("tmp"));
		// Another program's copy of the library, which sqlite-jdbc deletes as "old" when
		// it looks there.
		Path others = Files.writeString(temporary.resolve("sqlite-" + SQLiteJDBCLoader.getVersion() + "-other.so"),
				"in use");
		this.pm.with("PM_SERVER", server).with("PM_JAVA_OPTS", "-Djava.io.tmpdir=" + temporary);
		if (server.equals("on")) {
			startServer();
		}

		Run run = this.pm.pm("epic", "add", "E01", "Native");

		assertThat(run.exitCode()).as(run.err()).isZero();
		try (Stream<Path> files = Files.list(temporary)) {
			assertThat(files).containsExactly(others);
		}
	}

	/**
	 * The build trains the archive of the JDK that builds; the launcher trains one for
	 * any other JDK in the background, on its first run there. (picocli's jar holds Java
	 * 5 classes, which no archive takes: they come from the jar.)
	 */
	@ParameterizedTest
	@MethodSource("jdks")
	void eachJdkRunsWithAClassDataArchiveOfItsOwn(Path javaHome) throws Exception {
		Launcher inProcess = new Launcher(this.directory, false).with("PM_DB_PATH", this.database.toString())
			.with("JAVA_HOME", javaHome.toString())
			.with("PM_JAVA_OPTS", "-Xlog:class+load=info");

		Run run = awaitOutput(inProcess, ARCHIVED);

		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).as("classes of pm from the archive").contains(ARCHIVED);
	}

	/**
	 * Runs {@code pm epic list} in its own process until the JVM logs that it uses the
	 * archive, which the launcher may be training in the background, or 6 minutes have
	 * passed. While the training runs (its marker directory beside the application
	 * exists), it only waits: a JVM started meanwhile would take the training's
	 * processor.
	 * @param inProcess a launcher with {@code PM_SERVER=off} and the JVM's log on
	 * @param expected the log line that tells
	 * @return the last run
	 */
	private static Run awaitOutput(Launcher inProcess, String expected) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
		Path application = inProcess.script().resolveSibling("pm-app");
		Run run = inProcess.pm("epic", "list");
		while (!run.out().contains(expected) && System.nanoTime() < deadline) {
			while (training(application) && System.nanoTime() < deadline) {
				Thread.sleep(200);
			}
			run = inProcess.pm("epic", "list");
			if (!run.out().contains(expected)) {
				Thread.sleep(1000);
			}
		}
		return run;
	}

	private static boolean training(Path application) throws IOException {
		try (Stream<Path> files = Files.list(application)) {
			return files.anyMatch((file) -> file.getFileName().toString().startsWith("cds-training-"));
		}
	}

	/**
	 * Copies the launcher and the application from the build, as a user installs them.
	 * @param directory where to
	 * @param archives whether to copy the class-data archives too
	 * @return the launcher
	 */
	private static Path install(Path directory, boolean archives) throws IOException {
		Path application = Launcher.SCRIPT.resolveSibling("pm-app");
		try (Stream<Path> files = Files.walk(application)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Path relative = application.relativize(file);
				if (archives || !relative.startsWith("cds")) {
					Path target = directory.resolve("pm-app").resolve(relative.toString());
					Files.createDirectories(target.getParent());
					if (!Files.isDirectory(file)) {
						Files.copy(file, target);
					}
				}
			}
		}
		return Files.copy(Launcher.SCRIPT, directory.resolve("pm"));
	}

	static Stream<Path> jdks() {
		return Stream.of(Path.of(System.getProperty("java.home")), Path.of("/usr/lib/jvm/temurin-25-jdk-amd64"))
			.filter((home) -> Files.isExecutable(home.resolve("bin/java")))
			.distinct();
	}

	/**
	 * Sends a request to the server as a client would, and reads the type of its first
	 * answer.
	 */
	private byte firstAnswer(Request request) throws Exception {
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			channel.connect(UnixDomainSocketAddress.of(socket()));
			request.write(new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel))));
			return new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel))).readByte();
		}
	}

	/**
	 * Sends a request and reads the first byte of the answer.
	 * @return the byte, or -1 if the server closed the connection (before the request was
	 * all written, or after) or reset it
	 */
	private static int sendOrReset(SocketChannel channel, Request request) {
		try {
			request.write(new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel))));
			return Channels.newInputStream(channel).read();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private List<String> epics() throws Exception {
		List<String> keys = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + this.database);
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT key FROM epic ORDER BY key")) {
			while (rs.next()) {
				keys.add(rs.getString(1));
			}
		}
		return keys;
	}

	private Path socket() {
		return ServerFiles.of(this.database, Map.of("PM_SERVER_DIR", this.directory.resolve("server").toString()))
			.socket();
	}

	private void startServer() throws Exception {
		Run start = this.pm.pm("server", "start");
		assertThat(start.exitCode()).as(start.err()).isZero();
	}

	/**
	 * The pid of the server, waiting for one that a command started in the background.
	 */
	private long awaitServerPid() throws Exception {
		startServer();
		return this.pm.serverPid();
	}

	/**
	 * The number of sockets a process has open: the server's listening one, and one for
	 * each client connected.
	 */
	private static int sockets(ProcessHandle process) throws IOException {
		int sockets = 0;
		try (Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
			for (Path descriptor : (Iterable<Path>) descriptors::iterator) {
				try {
					if (Files.readSymbolicLink(descriptor).toString().startsWith("socket:")) {
						sockets++;
					}
				}
				catch (IOException ex) {
					// Closed while listed.
				}
			}
		}
		return sockets;
	}

	private List<ProcessHandle> serverProcesses() {
		String argument = "-Dpm.server.database=" + this.database;
		return ProcessHandle.allProcesses()
			.filter((process) -> process.info().arguments().map(List::of).orElse(List.of()).contains(argument))
			.toList();
	}

}
