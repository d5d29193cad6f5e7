package dev.pm.cli.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.pm.cli.TestDatabase;
import dev.pm.cli.command.InProcessPm.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Escape sequences and line breaks in the fields people read: refused on input, one line
 * naming the field, and made visible in every table and line printed for people (also
 * those stored before pm refused them); {@code --json} escapes them as JSON does.
 */
class ControlCharacterTests {

	private static final String TITLE_SEQUENCE = "\u001b]0;pwned\u0007";

	@TempDir
	Path directory;

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "--agent|task add T-E01-F01-002 Second --feature E01-F01 --agent",
					"--estimate|task add T-E01-F01-002 Second --feature E01-F01 --estimate",
					"--agent-type|task add T-E01-F01-002 Second --feature E01-F01 --agent-type",
					"--agent|task update T-E01-F01-001 --agent", "--estimate|task update T-E01-F01-001 --estimate",
					"--reason|task block T-E01-F01-001 --reason", "--agent|task claim --agent",
					"--title|task update T-E01-F01-001 --title" })
	void aControlCharacterInAnOptionOfOneLineIsRefusedNamingTheOption(String option, String command) {
		try (InProcessPm pm = plan()) {
			String[] args = (command + " X").split(" ");
			args[args.length - 1] = "ok" + TITLE_SEQUENCE;

			Run run = pm.run(args);

			assertThat(run.exitCode()).isEqualTo(PmCommandLine.USAGE);
			assertThat(run.err()).startsWith("pm: " + option + " must be one line of text, without control characters")
				.hasLineCount(1);
			assertThat(pm.run("task", "history", "T-E01-F01-001").out()).doesNotContain("pwned");
			assertThat(pm.run("task", "list").out()).doesNotContain("T-E01-F01-002");
		}
	}

	@Test
	void aControlCharacterInTheAgentVariableIsRefusedNamingIt() {
		plan().close();
		try (InProcessPm pm = InProcessPm.on(TestDatabase.SQLITE, this.directory, Map.of("PM_AGENT", "bot\nforged"))) {
			Run claim = pm.run("task", "claim");

			assertThat(claim.exitCode()).isEqualTo(PmCommandLine.REFUSED);
			assertThat(claim.err()).isEqualTo("pm: PM_AGENT must be one line of text, without control characters "
					+ "(line breaks, tabs, escape sequences)\n");
			assertThat(pm.run("task", "list", "--status", "in_progress").out()).isEqualTo("No tasks.\n");
		}
	}

	@Test
	void aControlCharacterInAnImportedFieldIsRefusedNamingTheFileLineAndField() throws Exception {
		Path plan = Files.createDirectories(this.directory.resolve("plan/E02-sync/E02-F01-engine"));
		Path document = Files.writeString(plan.resolve("T-E02-F01-001.md"), "---\ntask_key: T-E02-F01-001\n"
				+ "status: todo\nfeature: plan/E02-sync/E02-F01-engine\nassigned_agent: \"bot\\e[2J\"\n---\n# Sync\n");
		try (InProcessPm pm = plan()) {
			Run run = pm.run("task", "import", document.toString());

			assertThat(run.exitCode()).isEqualTo(PmCommandLine.REFUSED);
			assertThat(run.err()).startsWith("pm: " + document + ":5:")
				.contains("'assigned_agent' must be one line of text")
				.hasLineCount(1);
			assertThat(pm.run("task", "list").out()).doesNotContain("T-E02-F01-001");
		}
	}

	@Test
	void controlCharactersStoredEarlierAreMadeVisibleForPeopleAndEscapedInJson() {
		try (InProcessPm pm = plan()) {
			pm.bean(JdbcTemplate.class)
				.update("UPDATE task SET assigned_agent = ?, estimated_time = ? WHERE key = 'T-E01-F01-001'",
						"bot" + TITLE_SEQUENCE, "2h\nT-E09-F09-999  completed  forged");

			String list = pm.run("task", "list").out();
			String show = pm.run("task", "show", "T-E01-F01-001").out();
			String json = pm.run("task", "show", "T-E01-F01-001", "--json").out();

			assertThat(list).contains("bot\\x1b]0;pwned\\x07").doesNotContain("\u001b", "\u0007");
			assertThat(list.lines().filter((line) -> line.contains("forged")))
				.allMatch((line) -> line.contains("\\x0a"));
			assertThat(show).contains("bot\\x1b]0;pwned\\x07").doesNotContain("\u001b");
			assertThat(json).containsIgnoringCase("bot\\u001b]0;pwned\\u0007").doesNotContain("\u001b");
			assertThat(pm.json("task", "show", "T-E01-F01-001", "--json").get("agent").asString())
				.isEqualTo("bot" + TITLE_SEQUENCE);
		}
	}

	private InProcessPm plan() {
		InProcessPm pm = InProcessPm.on(TestDatabase.SQLITE, this.directory, Map.of());
		pm.run("epic", "add", "E01", "Offline mode");
		pm.run("feature", "add", "E01-F01", "Local storage", "--epic", "E01");
		pm.run("task", "add", "T-E01-F01-001", "Choose a format", "--feature", "E01-F01");
		return pm;
	}

}
