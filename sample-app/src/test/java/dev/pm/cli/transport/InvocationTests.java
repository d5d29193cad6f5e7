package dev.pm.cli.transport;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the client reads from a command line without parsing it as pm does.
 */
class InvocationTests {

	private static final Map<String, String> ENVIRONMENT = Map.of("HOME", "/home/ann", "PM_DB_PATH", "env.db");

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			task list                           | /work/env.db
			--db other.db task list             | /work/other.db
			task list --db=../up/./other.db     | /up/other.db
			task list --db /abs/x.db --json     | /abs/x.db
			task add T --notes -- --db y.db     | /work/env.db
			""")
	void theDatabaseIsTheOptionElseTheVariableResolvedInTheWorkingDirectory(String args, String database) {
		assertThat(invocation(args, ENVIRONMENT).database()).isEqualTo(Path.of(database));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			task list            | false | false
			--help               | false | true
			task list -h         | false | true
			completion bash      | false | true
			''                   | false | true
			task list --no-server| true  | false
			mcp                  | true  | false
			--db x.db mcp        | true  | false
			history --follow     | true  | false
			history              | false | false
			task list --follow   | false | false
			""")
	void theServerIsOffWhenAskedOrForACommandThatRunsUntilStoppedAndNotNeededWithoutADatabase(String args, boolean off,
			boolean noDatabase) {
		Invocation invocation = invocation(args, Map.of());

		assertThat(invocation.serverOff()).isEqualTo(off);
		assertThat(invocation.needsNoDatabase()).isEqualTo(noDatabase);
	}

	@ParameterizedTest
	@CsvSource({ "off, true", "OFF, true", "on, false" })
	void pmServerOffTurnsTheServerOff(String value, boolean off) {
		assertThat(invocation("task list", Map.of("PM_SERVER", value)).serverOff()).isEqualTo(off);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			task list                  | task   | list
			--db x.db --debug task show| task   | show
			server status --db x.db    | server | status
			""")
	void theCommandIsTheFirstWordsThatAreNotOptions(String args, String command, String subcommand) {
		Invocation invocation = invocation(args, Map.of());

		assertThat(invocation.command()).isEqualTo(command);
		assertThat(invocation.subcommand()).isEqualTo(subcommand);
	}

	@Test
	void theSettingsAServerMustShareAreTheStartersVariablesButThePath() {
		Map<String, String> environment = Map.of("PM_DB_PATH", "a.db", "PM_DB_BUSY_TIMEOUT", "30s", "PM_AGENT", "x",
				"SPRING_PROFILES_ACTIVE", "p", "PM_JAVA_OPTS", "-Xmx1g", "HOME", "/h");

		assertThat(Invocation.settings(environment))
			.isEqualTo("PM_DB_BUSY_TIMEOUT=30s\nPM_JAVA_OPTS=-Xmx1g\nSPRING_PROFILES_ACTIVE=p\n");
	}

	private static Invocation invocation(String args, Map<String, String> environment) {
		List<String> words = args.isBlank() ? List.of() : List.of(args.strip().split("\\s+"));
		return new Invocation(words, environment, Path.of("/work"));
	}

}
