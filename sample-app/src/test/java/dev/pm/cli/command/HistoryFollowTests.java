package dev.pm.cli.command;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.pm.cli.TestDatabase;
import dev.pm.cli.command.InProcessPm.Run;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pm history --follow}, in this JVM on SQLite and PostgreSQL: a thread follows
 * while the test adds rows, every wait bounded by a generous deadline.
 */
class HistoryFollowTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void followingPrintsTheLatestRowsThenEachNewOneAsAJsonLineWithoutHoldingTheDatabase(TestDatabase database)
			throws Exception {
		// A follower that held the connection would make the writers below time out.
		try (InProcessPm pm = InProcessPm.on(database, this.directory, Map.of("PM_AGENT", "agent-1"))
			.property("pm.db.busy-timeout", "2s")) {
			pm.run("epic", "add", "E01", "Offline mode");
			pm.run("feature", "add", "E01-F01", "Local storage", "--epic", "E01");
			pm.run("task", "add", "T-E01-F01-001", "Choose a format", "--feature", "E01-F01");
			Lines lines = new Lines();
			CompletableFuture<Run> following = CompletableFuture.supplyAsync(
					() -> pm.run(new CommandOutput(lines, true), "history", "--follow", "--json", "--epic", "E01"));

			JsonNode epic = JSON.readTree(lines.next());
			JsonNode feature = JSON.readTree(lines.next());
			JsonNode first = JSON.readTree(lines.next());
			Run start = pm.run("task", "start", "T-E01-F01-001");
			JsonNode started = JSON.readTree(lines.next());
			Run done = pm.run("task", "done", "T-E01-F01-001");
			JsonNode completed = JSON.readTree(lines.next());
			lines.readerGoes();
			pm.run("task", "add", "T-E01-F01-002", "Write it", "--feature", "E01-F01");
			Run run = following.get(60, TimeUnit.SECONDS);

			assertThat(epic.get("key").asString()).isEqualTo("E01");
			assertThat(epic.get("event").asString()).isEqualTo("created");
			assertThat(feature.get("key").asString()).isEqualTo("E01-F01");
			assertThat(first.get("key").asString()).isEqualTo("T-E01-F01-001");
			assertThat(first.get("event").asString()).isEqualTo("created");
			assertThat(start.exitCode()).as(start.err()).isZero();
			assertThat(started.get("event").asString()).isEqualTo("started");
			assertThat(started.get("agent").asString()).isEqualTo("agent-1");
			assertThat(done.exitCode()).as(done.err()).isZero();
			assertThat(completed.get("event").asString()).isEqualTo("done");
			assertThat(completed.get("to").asString()).isEqualTo("completed");
			assertThat(run.exitCode()).as(run.err()).isZero();
			assertThat(lines.queue).isEmpty();
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void followingForPeoplePrintsOneLinePerRowAndStopsWhenInterrupted(TestDatabase database) throws Exception {
		try (InProcessPm pm = InProcessPm.on(database, this.directory, Map.of("PM_AGENT", "agent-1"))) {
			pm.run("epic", "add", "E01", "Offline mode");
			pm.run("feature", "add", "E01-F01", "Local storage", "--epic", "E01");
			pm.run("task", "add", "T-E01-F01-001", "Choose a format", "--feature", "E01-F01");
			Lines lines = new Lines();
			FutureTask<Run> following = new FutureTask<>(
					() -> pm.run(new CommandOutput(lines, true), "history", "--follow"));
			Thread follower = new Thread(following, "follower");
			follower.start();

			String epic = lines.next();
			String feature = lines.next();
			String first = lines.next();
			pm.run("task", "block", "T-E01-F01-001", "--reason", "waiting for keys");
			String blocked = lines.next();
			follower.interrupt();
			Run run = following.get(60, TimeUnit.SECONDS);

			assertThat(epic).matches("\\S+Z  E01  created  - -> -  agent-1  -");
			assertThat(feature).matches("\\S+Z  E01-F01  created  - -> -  agent-1  -");
			assertThat(first).matches("\\S+Z  T-E01-F01-001  created  - -> todo  agent-1  -");
			assertThat(blocked).endsWith("  T-E01-F01-001  blocked  todo -> blocked  agent-1  waiting for keys");
			assertThat(run.exitCode()).as(run.err()).isZero();
		}
	}

	/**
	 * The follower's output, line by line; once its reader goes, a write fails as a
	 * closed pipe does.
	 */
	private static final class Lines extends OutputStream {

		final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

		private final StringBuilder line = new StringBuilder();

		private volatile boolean gone;

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
			if (this.gone) {
				throw new IOException("Broken pipe");
			}
			for (char c : new String(bytes, offset, length, StandardCharsets.UTF_8).toCharArray()) {
				if (c == '\n') {
					this.queue.add(this.line.toString());
					this.line.setLength(0);
				}
				else {
					this.line.append(c);
				}
			}
		}

		String next() throws InterruptedException {
			String next = this.queue.poll(60, TimeUnit.SECONDS);
			assertThat(next).as("a line within 60 s").isNotNull();
			return next;
		}

		void readerGoes() {
			this.gone = true;
		}

	}

}
