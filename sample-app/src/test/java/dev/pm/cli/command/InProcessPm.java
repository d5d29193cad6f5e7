package dev.pm.cli.command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.pm.cli.PmApplication;
import dev.pm.cli.TestDatabase;
import dev.pm.cli.launch.LazyApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pm} run in this JVM on a fresh database, as a process of its own would run it:
 * with the command line its arguments need, its output and exit code captured.
 */
final class InProcessPm implements AutoCloseable {

	private final LazyApplicationContext context;

	private InProcessPm(LazyApplicationContext context) {
		this.context = context;
	}

	/**
	 * A fresh database: for SQLite a file in the directory, for PostgreSQL a database
	 * named by {@code PM_DB_URL} and its user.
	 */
	static InProcessPm on(TestDatabase database, Path directory, Map<String, String> environment) {
		Map<String, String> variables = new LinkedHashMap<>(database.environment(directory));
		variables.putAll(environment);
		LazyApplicationContext context = new LazyApplicationContext(PmApplication.class, variables);
		if (database == TestDatabase.SQLITE) {
			context.setProperty("pm.db.path", directory.resolve("pm.db").toString());
		}
		return new InProcessPm(context);
	}

	/**
	 * Sets a property, as {@code PM_DB_*} variables set pm-db's, before the first
	 * command.
	 */
	InProcessPm with(String property, String value) {
		this.context.setProperty(property, value);
		return this;
	}

	Run run(String... args) {
		StringWriter out = new StringWriter();
		Run run = run(new PrintWriter(out, true), args);
		return new Run(run.exitCode(), out.toString(), run.err());
	}

	/**
	 * Runs a command with its standard output written to {@code out}.
	 * @return the exit code and standard error (standard output is {@code out}'s)
	 */
	Run run(PrintWriter out, String... args) {
		StringWriter err = new StringWriter();
		int exitCode = PmCommandLine.create(this.context, args)
			.setOut(out)
			.setErr(new PrintWriter(err, true))
			.execute(args);
		return new Run(exitCode, "", err.toString());
	}

	/**
	 * Sets a property of the application before it starts, {@code pm.db.busy-timeout}
	 * say.
	 */
	InProcessPm property(String name, String value) {
		this.context.setProperty(name, value);
		return this;
	}

	/** The application's beans, started if needed. */
	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/** Runs a command that must succeed, and reads its JSON. */
	JsonNode json(String... args) {
		Run run = run(args);
		assertThat(run.exitCode()).as(run.err()).isZero();
		return JsonMapper.builder().build().readTree(run.out());
	}

	@Override
	public void close() {
		this.context.close();
	}

	record Run(int exitCode, String out, String err) {
	}

}
