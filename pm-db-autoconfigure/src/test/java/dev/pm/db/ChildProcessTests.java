package dev.pm.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.pm.db.autoconfigure.PmDbAutoConfiguration;
import dev.pm.db.test.ChildJvm;
import dev.pm.db.test.InterruptedWriter;
import dev.pm.db.test.WriterApplication;
import dev.pm.testing.output.ExpectedOutputExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only real processes can show: two processes on one file, a transaction a crash
 * interrupted (the crash loop is in {@link CrashLoopTests}).
 */
@ExtendWith(ExpectedOutputExtension.class)
class ChildProcessTests {

	@TempDir
	Path dir;

	@Test
	void twoProcessesStartingTogetherOnAFreshPathBothFinishWithoutBusyErrors() throws Exception {
		Path file = this.dir.resolve("fresh/pm.db");
		int rows = 150;
		List<Process> writers = List.of(start(file, "count", Integer.toString(rows), "first"),
				start(file, "count", Integer.toString(rows), "second"));
		List<CompletableFuture<String>> outputs = new ArrayList<>();
		for (Process writer : writers) {
			outputs.add(CompletableFuture.supplyAsync(() -> readAll(writer)));
		}
		for (int i = 0; i < writers.size(); i++) {
			assertThat(writers.get(i).waitFor(120, TimeUnit.SECONDS)).isTrue();
			String output = outputs.get(i).get(10, TimeUnit.SECONDS);
			assertThat(output).contains("done " + rows).doesNotContain("SQLITE_BUSY");
			assertThat(writers.get(i).exitValue()).as(output).isZero();
		}
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PmDbAutoConfiguration.class))
			.withPropertyValues("pm.db.path=" + file)
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForObject("SELECT count(*) FROM item WHERE name LIKE 'first-%'", Integer.class))
					.isEqualTo(rows);
				assertThat(jdbc.queryForObject("SELECT count(*) FROM item WHERE name LIKE 'second-%'", Integer.class))
					.isEqualTo(rows);
				assertThat(jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history", Integer.class))
					.isEqualTo(2);
			});
	}

	@Test
	void transactionInterruptedByAKillInRollbackJournalModeIsRolledBackAtTheNextStart(CapturedOutput output)
			throws Exception {
		Path file = this.dir.resolve("pm.db");
		ApplicationContextRunner application = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PmDbAutoConfiguration.class))
			.withPropertyValues("pm.db.path=" + file);
		application.withPropertyValues("pm.db.journal-mode=delete")
			.run((context) -> context.getBean(JdbcTemplate.class)
				.update("INSERT INTO item (name) VALUES ('acknowledged')"));
		Process writer = ChildJvm.start(InterruptedWriter.class, file.toString());
		try (BufferedReader lines = ChildJvm.output(writer)) {
			ChildJvm.awaitLine(lines, "spilled");
			writer.destroyForcibly();
			assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(this.dir.resolve("pm.db-journal")).isNotEmptyFile();
		application.run((context) -> {
			assertThat(context).hasNotFailed();
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForList("SELECT name FROM item", String.class)).containsExactly("acknowledged");
			assertThat(jdbc.queryForObject("PRAGMA integrity_check", String.class)).isEqualTo("ok");
			assertThat(jdbc.queryForObject("PRAGMA journal_mode", String.class)).isEqualTo("wal");
		});
		assertThat(output).contains("Database " + file + " had a transaction interrupted by a crash (a hot journal)");
	}

	private static Process start(Path file, String... args) {
		List<String> arguments = new ArrayList<>(List.of(file.toString()));
		arguments.addAll(List.of(args));
		return ChildJvm.start(WriterApplication.class, arguments.toArray(String[]::new));
	}

	private static String readAll(Process process) {
		try (BufferedReader output = ChildJvm.output(process)) {
			StringBuilder text = new StringBuilder();
			output.lines().forEach((line) -> text.append(line).append('\n'));
			return text.toString();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
