package dev.pm.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import dev.pm.cli.launch.LazyApplicationContext;
import picocli.CommandLine;

/**
 * The steps of {@code pm demo}. Each step runs a real {@code pm} command through the same
 * command line a user has, and prints it with its output, so the demo shows exactly what
 * a user would see.
 */
final class DemoScript {

	private static final String FEATURE_PATH = "plan/E02-sharing/E02-F01-share-links";

	private final LazyApplicationContext context;

	private final PrintWriter out;

	private final Path workDirectory;

	private final Path documents;

	/** How the demo ended. */
	enum Outcome {

		/** Every step succeeded or was refused as expected. */
		AS_EXPECTED,

		/** The first step went wrong: the database is as it was. */
		FAILED_BEFORE_ANY_CHANGE,

		/** A step went wrong after others had changed the database. */
		FAILED_PART_WAY

	}

	/** A step did not go as the demo expected; the demo stops there. */
	private static final class UnexpectedOutcome extends RuntimeException {

		UnexpectedOutcome() {
			super(null, null, false, false);
		}

	}

	private int stepsDone;

	DemoScript(LazyApplicationContext context, PrintWriter out, Path workDirectory) {
		this.context = context;
		this.out = out;
		this.workDirectory = workDirectory;
		this.documents = workDirectory.resolve(FEATURE_PATH);
	}

	/**
	 * Runs the demo, up to the first step that does not go as expected.
	 * @return how it ended
	 * @throws IOException if the task documents cannot be written
	 */
	Outcome run() throws IOException {
		try {
			steps();
			return Outcome.AS_EXPECTED;
		}
		catch (UnexpectedOutcome ex) {
			return (this.stepsDone == 0) ? Outcome.FAILED_BEFORE_ANY_CHANGE : Outcome.FAILED_PART_WAY;
		}
	}

	private void steps() throws IOException {
		say("pm demo: every line starting with $ is a real pm command; task documents are written to");
		say(this.workDirectory + ", shown below as relative paths.");
		this.out.println();
		section("1. Plan the work: an epic, two features, two tasks");
		succeeds("epic", "add", "E01", "Offline mode");
		succeeds("feature", "add", "E01-F01", "Local storage", "--epic", "E01");
		succeeds("feature", "add", "E01-F02", "Background sync", "--epic", "E01");
		succeeds("task", "add", "T-E01-F01-001", "Choose the storage format", "--feature", "E01-F01", "--agent",
				"alice", "--estimate", "2 hours", "--priority", "2");
		succeeds("task", "add", "T-E01-F01-002", "Write the storage layer", "--feature", "E01-F01", "--depends-on",
				"T-E01-F01-001", "--estimate", "6 hours", "--agent-type", "backend");

		section("2. Import task documents, given in reverse dependency order, in one transaction");
		say("Epic E02 and feature E02-F01 do not exist yet: the import creates them from the 'feature' path.");
		Path first = document("T-E02-F01-001", "Design share links", null);
		Path second = document("T-E02-F01-002", "Generate links", "T-E02-F01-001");
		Path third = document("T-E02-F01-003", "Expire old links", "T-E02-F01-002");
		succeeds("task", "import", third.toString(), second.toString(), first.toString());
		succeeds("task", "list");

		section("3. A transaction that fails half-way is rolled back");
		say("Two documents: the first is fine, the second depends on a task that exists nowhere.");
		say("The import writes T-E02-F01-004, then meets the bad dependency and rolls everything back.");
		Path good = document("T-E02-F01-004", "Revoke links", "T-E02-F01-003");
		Path bad = document("T-E02-F01-005", "Share with groups", "T-E02-F01-099");
		refused("task", "import", good.toString(), bad.toString());
		say("T-E02-F01-004 is not there:");
		succeeds("task", "list", "--feature", "E02-F01");

		section("4. A task cannot be completed before its dependencies");
		refused("task", "done", "T-E01-F01-002");
		succeeds("task", "start", "T-E01-F01-001");
		succeeds("task", "done", "T-E01-F01-001");
		succeeds("task", "done", "T-E01-F01-002");
		succeeds("task", "show", "T-E01-F01-002");

		section("5. Agents claim work; a person reviews it");
		say("claim is next and start in one transaction: agents claiming at once never get the same task.");
		say("The imported tasks are assigned to bob: only bob claims them.");
		succeeds("task", "next");
		succeeds("task", "claim", "--agent", "agent-1");
		succeeds("task", "claim", "--agent", "bob", "--lease", "30m");
		succeeds("task", "complete", "T-E02-F01-001", "--notes", "Links are signed and short");
		refused("task", "approve", "T-E02-F01-002");
		succeeds("task", "approve", "T-E02-F01-001");
		succeeds("task", "history", "T-E02-F01-001");
		succeeds("epic", "list");

		section("6. The foreign key refuses to delete a feature that still has tasks");
		refused("feature", "delete", "E01-F01");
		succeeds("feature", "delete", "E01-F02");
		succeeds("feature", "list");

		section("7. The database");
		succeeds("db", "status");
	}

	private void section(String title) {
		this.out.println("== " + title + " ==");
		this.out.println();
	}

	private void say(String line) {
		this.out.println(line);
	}

	private void succeeds(String... args) {
		expect(true, args);
	}

	private void refused(String... args) {
		expect(false, args);
	}

	private void expect(boolean success, String... args) {
		this.out.println("$ pm " + Arrays.stream(args).map(this::shown).collect(Collectors.joining(" ")));
		CommandLine commandLine = PmCommandLine.create(this.context, args);
		commandLine.setOut(this.out);
		commandLine.setErr(this.out);
		int exitCode = commandLine.execute(args);
		if (exitCode != 0) {
			this.out.println("(exit " + exitCode + (success ? "" : ": refused, nothing changed") + ")");
		}
		if ((exitCode == 0) != success) {
			this.out.println("(the demo expected this to " + (success ? "succeed" : "be refused") + "; it stops here)");
			this.out.flush();
			throw new UnexpectedOutcome();
		}
		if (success) {
			this.stepsDone++;
		}
		this.out.println();
		this.out.flush();
	}

	/**
	 * An argument as a user would type it: quoted if needed, documents relative to the
	 * work directory.
	 */
	private String shown(String arg) {
		String prefix = this.workDirectory + "/";
		String shown = arg.startsWith(prefix) ? arg.substring(prefix.length()) : arg;
		return shown.matches("[\\w./:-]+") ? shown : "\"" + shown + "\"";
	}

	private Path document(String key, String title, String dependency) throws IOException {
		Files.createDirectories(this.documents);
		Path file = this.documents.resolve(key + ".md");
		String dependencies = (dependency != null) ? "\n  - " + dependency : " []";
		Files.writeString(file, """
				---
				task_key: %s
				status: todo
				feature: %s
				created: 2026-11-26
				assigned_agent: bob
				dependencies:%s
				estimated_time: 3 hours
				---

				# PRP: %s

				Written by pm demo.
				""".formatted(key, FEATURE_PATH, dependencies, title));
		return file;
	}

}
