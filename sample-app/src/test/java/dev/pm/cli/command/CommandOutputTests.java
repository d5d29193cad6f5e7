package dev.pm.cli.command;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.pm.cli.TestDatabase;
import dev.pm.cli.command.InProcessPm.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a command does with output that cannot be written or is not read: a change is
 * committed before its output is written, so a reader that stalls holds up no other
 * command; a lost report of a change says that the change was saved; a reader that closed
 * the output is not an error. And what a command that waited too long for the database
 * connection says of the command that holds it.
 */
class CommandOutputTests {

	@TempDir
	Path directory;

	@Test
	void aChangeWhoseReaderStallsHoldsUpNoOtherCommand() throws Exception {
		try (InProcessPm pm = plan()) {
			CountDownLatch writing = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			PrintWriter stalled = new PrintWriter(new Writer() {

				@Override
				public void write(char[] chars, int offset, int length) throws IOException {
					writing.countDown();
					try {
						release.await();
					}
					catch (InterruptedException ex) {
						throw new IOException(ex);
					}
				}

				@Override
				public void flush() {
				}

				@Override
				public void close() {
				}

			}, true);
			CompletableFuture<Run> add = CompletableFuture
				.supplyAsync(() -> pm.run(stalled, "task", "add", "T-E01-F01-009", "Stalled", "--feature", "E01-F01"));
			assertThat(writing.await(60, TimeUnit.SECONDS)).isTrue();

			Run claim = pm.run("task", "claim", "--agent", "other");
			Run list = pm.run("task", "list");
			release.countDown();

			assertThat(claim.exitCode()).as(claim.err()).isZero();
			assertThat(claim.out()).startsWith("Claimed T-E01-F01-001");
			assertThat(list.out()).contains("T-E01-F01-009");
			assertThat(add.get(60, TimeUnit.SECONDS).exitCode()).isZero();
		}
	}

	@Test
	void aChangeWhoseOutputCannotBeWrittenIsSavedAndSaysSoWithExitCodeThree() {
		try (InProcessPm pm = plan()) {
			Run claim = pm.run(new CommandOutput(failing("No space left on device"), true), "task", "claim", "--agent",
					"bot");

			assertThat(claim.exitCode()).isEqualTo(PmCommandLine.CHANGED_BUT_FAILED);
			assertThat(claim.err()).isEqualTo("pm: cannot write to standard output; the change was saved, but this "
					+ "report of it is lost (pm history shows it)\n");
			assertThat(pm.run("task", "list", "--status", "in_progress").out()).contains("T-E01-F01-001");
		}
	}

	@Test
	void aReadWhoseOutputCannotBeWrittenExitsOne() {
		try (InProcessPm pm = plan()) {
			Run list = pm.run(new CommandOutput(failing("No space left on device"), true), "task", "list");

			assertThat(list.exitCode()).isEqualTo(PmCommandLine.REFUSED);
			assertThat(list.err()).isEqualTo("pm: cannot write to standard output; nothing was changed\n");
		}
	}

	@ParameterizedTest
	@CsvSource({ "task,list", "task,claim" })
	void aCommandWhoseReaderClosedTheOutputSucceedsSilently(String group, String command) {
		try (InProcessPm pm = plan()) {
			Run run = pm.run(new CommandOutput(failing("Broken pipe"), true), group, command);

			assertThat(run.exitCode()).isZero();
			assertThat(run.err()).isEmpty();
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "pm task import plan/|this pm server's command 'pm task import plan/' has held it for ",
					"report-job|thread 'report-job' of this pm process has held it for " })
	void aCommandThatWaitedTooLongForTheConnectionSaysWhoHoldsItAndForHowLong(String holder, String says)
			throws Exception {
		try (InProcessPm pm = plan(Map.of("pm.db.busy-timeout", "200ms"))) {
			CountDownLatch holding = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			Thread thread = new Thread(() -> pm.bean(TransactionTemplate.class).executeWithoutResult((status) -> {
				holding.countDown();
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}), holder);
			thread.start();
			assertThat(holding.await(60, TimeUnit.SECONDS)).isTrue();

			Run claim = pm.run("task", "claim", "--agent", "bot");
			release.countDown();
			thread.join();

			assertThat(claim.exitCode()).isEqualTo(PmCommandLine.REFUSED);
			assertThat(claim.err()).startsWith("pm: the database is busy: " + says)
				.contains(", longer than the busy timeout (pm.db.busy-timeout, default 5s), and nothing was changed")
				.hasLineCount(1);
			assertThat(pm.run("task", "list", "--status", "in_progress").out()).isEqualTo("No tasks.\n");
		}
	}

	private InProcessPm plan() {
		return plan(Map.of());
	}

	private InProcessPm plan(Map<String, String> properties) {
		InProcessPm pm = InProcessPm.on(TestDatabase.SQLITE, this.directory, Map.of());
		properties.forEach(pm::property);
		pm.run("epic", "add", "E01", "Offline mode");
		pm.run("feature", "add", "E01-F01", "Local storage", "--epic", "E01");
		pm.run("task", "add", "T-E01-F01-001", "Choose a format", "--feature", "E01-F01");
		return pm;
	}

	private static OutputStream failing(String message) {
		return new OutputStream() {

			@Override
			public void write(int b) throws IOException {
				throw new IOException(message);
			}

			@Override
			public void write(byte[] bytes, int offset, int length) throws IOException {
				throw new IOException(message);
			}

		};
	}

}
