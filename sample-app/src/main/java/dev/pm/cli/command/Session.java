package dev.pm.cli.command;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.pm.cli.launch.LazyApplicationContext;
import dev.pm.cli.transport.DatabaseLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every command that uses the plan shares, as one picocli mixin: the application
 * (started on first use), where to print, {@code --json}, and the rule that a failed
 * write to stdout is a failure. ({@code @Command} only makes this a valid mixin; it adds
 * nothing to the usage help.)
 * <p>
 * A change commits before its output is written: writing can block for as long as the
 * reader of the output pleases (a full pipe, a terminal stopped with Ctrl-S), and no
 * other command may wait for that. A change whose output then cannot be written
 * ({@code pm task claim > /dev/full}) exits with
 * {@link PmCommandLine#CHANGED_BUT_FAILED}, so exit code 1 still means that nothing
 * changed. A reader that closes the output ({@code pm task list | head -1}) is not an
 * error.
 */
@Command
final class Session {

	private final LazyApplicationContext context;

	@Spec(Spec.Target.MIXEE)
	private CommandSpec spec;

	@Option(names = "--json", description = "Print JSON for scripts (shapes in sample-app/README.md).")
	private boolean json;

	Session(LazyApplicationContext context) {
		this.context = context;
	}

	/**
	 * Returns a bean of the application, starting it if needed.
	 * @param <T> its type
	 * @param type its type
	 * @return the bean
	 */
	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/**
	 * Returns who is running the command, for the history.
	 * @param flag the {@code --agent} given, or {@code null}
	 * @return the flag, else {@code PM_AGENT}, else {@code USER}
	 */
	String actor(String flag) {
		return AgentName.resolve(flag, this.context.environment());
	}

	/**
	 * Returns which database the command uses, and why.
	 * @return the database and the reason
	 */
	DatabaseLocation databaseLocation() {
		return this.context.databaseLocation();
	}

	/**
	 * Returns the environment variables of whoever runs the command.
	 * @return the variables
	 */
	Map<String, String> environment() {
		return this.context.environment();
	}

	/**
	 * Reads something and prints it.
	 * @param <T> what is read
	 * @param read reads it (in the services' own read-only transactions)
	 * @param table prints it for people, without {@code --json}
	 */
	<T> void show(Supplier<T> read, Consumer<T> table) {
		print(read.get(), table);
		requireOutputWritten(OutputFailedException::new);
	}

	/**
	 * Reads a list and prints it; as JSON, {@code {"results": [...], "count": N}}.
	 * @param <T> the elements
	 * @param read reads the list
	 * @param table prints it for people, without {@code --json}
	 */
	<T> void showList(Supplier<List<T>> read, Consumer<List<T>> table) {
		List<T> results = read.get();
		if (this.json) {
			printJson(new Results<>(results, results.size()));
		}
		else {
			table.accept(results);
		}
		requireOutputWritten(OutputFailedException::new);
	}

	/**
	 * Changes the plan in one transaction, then prints the result.
	 * @param <T> the result
	 * @param change the change
	 * @param table prints the result for people, without {@code --json}
	 */
	<T> void change(Supplier<T> change, Consumer<T> table) {
		T result = bean(TransactionTemplate.class).execute((status) -> change.get());
		print(result, table);
		requireOutputWritten(ChangeNotReportedException::new);
	}

	/**
	 * Deletes something and reports it; as JSON, {@code {"deleted": KEY}}.
	 * @param kind what it is, as in {@code Deleted task T-E01-F01-001.}
	 * @param key its key
	 * @param delete deletes it
	 */
	void delete(String kind, String key, Runnable delete) {
		change(() -> {
			delete.run();
			return Map.of("deleted", key);
		}, (deleted) -> out().println("Deleted " + kind + " " + key + "."));
	}

	PrintWriter out() {
		return this.spec.commandLine().getOut();
	}

	boolean json() {
		return this.json;
	}

	private <T> void print(T value, Consumer<T> table) {
		if (this.json) {
			printJson(value);
		}
		else {
			table.accept(value);
		}
	}

	private void printJson(Object value) {
		JsonOutput.print(out(), value);
	}

	private void requireOutputWritten(Supplier<RuntimeException> failure) {
		// PrintWriter swallows write errors: ask it, after flushing, whether the output
		// got out.
		if (out().checkError() && !CommandOutput.readerGone(out())) {
			throw failure.get();
		}
	}

	/**
	 * A list as JSON.
	 *
	 * @param <T> the elements
	 * @param results the elements
	 * @param count how many
	 */
	record Results<T>(List<T> results, int count) {
	}

}
