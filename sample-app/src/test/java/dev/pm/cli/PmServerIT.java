package dev.pm.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.pm.cli.Launcher.Run;
import dev.pm.cli.Launcher.Started;
import dev.pm.cli.client.Protocol;
import dev.pm.cli.client.ServerFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pm server through the launcher: started once per database whatever the number of
 * clients, gone when idle, replaced when of another build, and a server killed in the
 * middle of a command costs that command, not the next one.
 */
class PmServerIT {

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
		this.pm.with("PM_SERVER", "on").pm("server", "stop");
	}

	@Test
	void clientsStartingAtOnceShareOneServer() throws Exception {
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
		assertThat(serverProcesses()).hasSize(1);
	}

	@Test
	void aServerKilledInTheMiddleOfACommandCostsThatCommandOnly() throws Exception {
		assertThat(this.pm.pm("epic", "add", "E01", "Acknowledged").exitCode()).isZero();
		long first = serverPid();
		ProcessHandle.of(first).orElseThrow().destroyForcibly();
		assertThat(epics()).as("a write the client acknowledged is on disk").containsExactly("E01");

		this.pm.with("PM_DB_BUSY_TIMEOUT", "60s");
		assertThat(this.pm.pm("epic", "list").exitCode()).isZero();
		Run killed;
		try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + this.database);
				Statement statement = other.createStatement()) {
			statement.execute("BEGIN IMMEDIATE");
			Started waiting = this.pm.start("epic", "add", "E02", "Waits for the lock");
			Thread.sleep(1500);
			ProcessHandle server = ProcessHandle.of(serverPid()).orElseThrow();
			server.destroyForcibly();
			server.onExit().get();
			killed = waiting.finish();
			statement.execute("ROLLBACK");
		}
		assertThat(socket()).as("the dead server's socket").exists();
		Run next = this.pm.pm("epic", "list");

		assertThat(killed.exitCode()).isEqualTo(1);
		assertThat(killed.out()).isEmpty();
		assertThat(killed.err()).startsWith("pm: the pm server for " + this.database + " stopped before the command")
			.hasLineCount(1);
		assertThat(next.exitCode()).as(next.err()).isZero();
		assertThat(next.out()).contains("E01").doesNotContain("E02");
		assertThat(serverPid()).isNotEqualTo(first);
	}

	@Test
	void anIdleServerStopsAndClosesTheDatabase() throws Exception {
		this.pm.with("PM_SERVER_IDLE", "1s");
		assertThat(this.pm.pm("epic", "add", "E01", "Then idle").exitCode()).isZero();
		ProcessHandle server = ProcessHandle.of(serverPid()).orElseThrow();

		server.onExit().get();

		assertThat(socket()).doesNotExist();
		// Closed cleanly: the starter checkpoints and truncates the WAL on close.
		Path wal = this.directory.resolve("pm.db-wal");
		assertThat(!Files.exists(wal) || Files.size(wal) == 0).as("empty or no WAL").isTrue();
		assertThat(this.pm.pm("server", "status").out()).isEqualTo("No pm server runs for " + this.database + ".\n");
	}

	@Test
	void aServerOfAnotherBuildIsReplaced() throws Exception {
		assertThat(this.pm.pm("epic", "add", "E01", "Old build").exitCode()).isZero();
		ProcessHandle old = ProcessHandle.of(serverPid()).orElseThrow();

		byte answer;
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			channel.connect(UnixDomainSocketAddress.of(socket()));
			DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
			new Protocol.Request(Protocol.RUN, "another build", "", this.directory.toString(), Map.of(),
					List.of("epic", "list"))
				.write(out);
			answer = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel))).readByte();
		}
		old.onExit().get();
		Run list = this.pm.pm("epic", "list");

		assertThat(answer).isEqualTo(Protocol.RETIRED);
		assertThat(list.out()).contains("E01");
		assertThat(serverPid()).isNotEqualTo(old.pid());
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

	@ParameterizedTest
	@ValueSource(strings = { "on", "off" })
	void sqliteJdbcLeavesNothingInTheTemporaryDirectory(String server) throws Exception {
		Path temporary = Files.createDirectories(this.directory.resolve("tmp"));
		this.pm.with("PM_SERVER", server).with("PM_JAVA_OPTS", "-Djava.io.tmpdir=" + temporary);

		Run run = this.pm.pm("epic", "add", "E01", "Native");

		assertThat(run.exitCode()).as(run.err()).isZero();
		try (Stream<Path> files = Files.list(temporary)) {
			assertThat(files).isEmpty();
		}
	}

	/**
	 * The build trains the archive of the JDK that builds; the launcher trains one for
	 * any other JDK in the background, on its first run there.
	 */
	@ParameterizedTest
	@MethodSource("jdks")
	void eachJdkRunsWithAClassDataArchiveOfItsOwn(Path javaHome) throws Exception {
		Launcher inProcess = new Launcher(this.directory, false).with("PM_DB_PATH", this.database.toString())
			.with("JAVA_HOME", javaHome.toString())
			.with("PM_JAVA_OPTS", "-Xlog:class+load=info");
		String archived = "dev.pm.cli.PmApplication source: shared objects file";
		long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
		Run run = inProcess.pm("epic", "list");
		while (!run.out().contains(archived) && System.nanoTime() < deadline) {
			Thread.sleep(5000);
			run = inProcess.pm("epic", "list");
		}

		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).as("classes of pm from the archive").contains(archived);
	}

	static Stream<Path> jdks() {
		return Stream.of(Path.of(System.getProperty("java.home")), Path.of("/usr/lib/jvm/temurin-25-jdk-amd64"))
			.filter((home) -> Files.isExecutable(home.resolve("bin/java")))
			.distinct();
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

	private long serverPid() throws Exception {
		Run status = this.pm.pm("server", "status");
		Matcher pid = Pattern.compile("pid (\\d+)").matcher(status.out());
		assertThat(pid.find()).as(status.out() + status.err()).isTrue();
		return Long.parseLong(pid.group(1));
	}

	private List<ProcessHandle> serverProcesses() {
		String argument = "-Dpm.server.database=" + this.database;
		return ProcessHandle.allProcesses()
			.filter((process) -> process.info().arguments().map(List::of).orElse(List.of()).contains(argument))
			.toList();
	}

}
