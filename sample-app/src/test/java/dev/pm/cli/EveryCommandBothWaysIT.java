package dev.pm.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.pm.cli.Launcher.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command of {@code pm}, run through the launcher with the server and without it
 * ({@code PM_SERVER=off}): the transcript of outputs, error lines and exit codes is the
 * same both ways, and is {@code every-command.txt}. Paths in arguments are relative, so
 * they resolve against the client's working directory, not the server's.
 */
class EveryCommandBothWaysIT {

	private static final Path EXPECTED = Path.of("src/test/resources/dev/pm/cli/every-command.txt");

	/** How the launcher runs the commands. */
	enum Mode {

		/** {@code PM_SERVER=off}: each command in its own JVM, as before the server. */
		IN_PROCESS(false),

		/** Through the client and the server of the database. */
		SERVER(true);

		private final boolean server;

		Mode(boolean server) {
			this.server = server;
		}

	}

	private static final List<List<String>> COMMANDS = List.of(List.of("--version"), List.of("task", "add", "--help"),
			List.of("epic", "add", "E01", "Offline mode"), List.of("epic", "add", "E01", "Again"),
			List.of("epic", "add", "Epic-4", "Malformed"), List.of("feature"),
			List.of("feature", "add", "E01-F01", "Local storage", "--epic", "E01"),
			List.of("feature", "add", "E01-F02", "Sync", "--epic", "E01"),
			List.of("task", "add", "T-E01-F01-001", "Choose a format", "--feature", "E01-F01", "--priority", "2",
					"--estimate", "2 hours"),
			List.of("task", "add", "T-E01-F01-002", "Write it", "--feature", "E01-F01", "--depends-on", "T-E01-F01-001",
					"--agent-type", "backend"),
			List.of("task", "import", "docs/T-E02-F01-002.md", "docs/T-E02-F01-001.md"),
			List.of("task", "import", "docs/missing.md"), List.of("task", "list"),
			List.of("task", "list", "--json", "--status", "todo,blocked"), List.of("task", "show", "T-E01-F01-002"),
			List.of("task", "next", "--json"), List.of("task", "claim", "--agent", "agent-1"),
			List.of("task", "done", "T-E01-F01-002"), List.of("task", "start", "T-E02-F01-002"),
			List.of("task", "complete", "T-E01-F01-001", "--notes", "Chose JSON"),
			List.of("task", "approve", "T-E01-F01-001"), List.of("task", "reopen", "T-E01-F01-001", "--notes", "Again"),
			List.of("task", "done", "T-E01-F01-001"), List.of("task", "archive", "T-E01-F01-001"),
			List.of("task", "block", "T-E01-F01-002", "--reason", "waiting for keys"),
			List.of("task", "list", "--blocked"), List.of("task", "unblock", "T-E01-F01-002"),
			List.of("task", "start", "T-E01-F01-002", "--json"), List.of("task", "history", "T-E01-F01-002"),
			List.of("task", "move", "T-E02-F01-001", "--feature", "E01-F02"),
			List.of("task", "delete", "T-E01-F02-001"), List.of("task", "delete", "T-E02-F01-002", "--json"),
			List.of("task", "list", "--all", "--sort", "priority"), List.of("epic", "list"),
			List.of("epic", "show", "E01", "--json"), List.of("feature", "list", "--epic", "E01"),
			List.of("feature", "show", "E01-F01"), List.of("feature", "delete", "E01-F01"),
			List.of("feature", "delete", "E02-F01"), List.of("epic", "delete", "E02"), List.of("epic", "delete", "E01"),
			List.of("db", "status"), List.of("db", "status", "--json"), List.of("db", "backup", "copies/backup.db"),
			List.of("db", "backup", "copies/backup.db"), List.of("--db", "copies/backup.db", "epic", "list"),
			List.of("db", "replication"), List.of("db", "restore", "--from", "copies", "restored.db"),
			List.of("task", "list", "--db", "other.db"), List.of("completion", "bash"), List.of("mcp", "--help"),
			List.of("demo"));

	@TempDir
	Path directory;

	private Launcher launcher;

	@ParameterizedTest
	@EnumSource
	void everyCommandPrintsTheSameTranscript(Mode mode) throws Exception {
		this.launcher = new Launcher(this.directory, mode.server).with("PM_DB_PATH", "pm.db")
			.with("PM_AGENT", "agent-x")
			.with("USER", "tester");
		writeDocuments();
		if (mode.server) {
			// Without a running server a command runs in its own process: go through one.
			assertThat(this.launcher.pm("server", "start").exitCode()).isZero();
		}
		StringBuilder transcript = new StringBuilder();
		for (List<String> command : COMMANDS) {
			Run run = this.launcher.pm(command.toArray(String[]::new));
			transcript.append("$ pm ").append(String.join(" ", command)).append('\n').append(run.out());
			if (!run.err().isEmpty()) {
				transcript.append("[stderr]\n").append(run.err());
			}
			transcript.append("[exit ").append(run.exitCode()).append("]\n\n");
		}
		String actual = normalise(transcript.toString());
		Files.writeString(Path.of("target", "every-command-" + mode + ".txt"), actual);

		assertThat(actual).isEqualTo(Files.readString(EXPECTED, StandardCharsets.UTF_8));
		assertThat(this.directory.resolve("server")).matches((server) -> Files.exists(server) == mode.server,
				"a server directory only with the server");
	}

	@AfterEach
	void stopTheServer() throws Exception {
		if (this.launcher != null) {
			this.launcher.stopServers(this.directory.resolve("pm.db"), this.directory.resolve("other.db"),
					this.directory.resolve("copies/backup.db"));
		}
	}

	/**
	 * The transcript without what differs from run to run: the test's directory, times,
	 * sizes of the database files.
	 */
	private String normalise(String transcript) {
		return transcript.replace(this.directory.toString(), "$DIR")
			.replaceAll("/tmp/pm-demo-\\d+", "\\$DEMO")
			.replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ", "<time>")
			.replaceAll("\\d{4}-\\d\\d-\\d\\d", "<date>")
			.replaceAll("(?m)^(size\\s+).*$", "$1<size>")
			.replaceAll("\"(sizeBytes|walSizeBytes)\" : \\d+", "\"$1\" : <size>");
	}

	private void writeDocuments() throws IOException {
		Path documents = Files.createDirectories(this.directory.resolve("docs"));
		Files.createDirectories(this.directory.resolve("copies"));
		for (int task = 1; task <= 2; task++) {
			Files.writeString(documents.resolve("T-E02-F01-00" + task + ".md"), """
					---
					task_key: T-E02-F01-00%d
					status: todo
					feature: plan/E02-sharing/E02-F01-share-links
					created: 2026-11-26
					dependencies: %s
					---
					# PRP: Share links, part %d
					""".formatted(task, (task == 2) ? "[T-E02-F01-001]" : "[]", task));
		}
	}

}
