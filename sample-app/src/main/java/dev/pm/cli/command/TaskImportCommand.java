package dev.pm.cli.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.pm.cli.importing.DocumentsRefusedException;
import dev.pm.cli.importing.ImportResult;
import dev.pm.cli.importing.TaskImportService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pm task import [--replace] FILE...}.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
		description = { "Import task documents (Markdown with YAML front matter), all or nothing.",
				"Fields: task_key, status, feature, created, assigned_agent, dependencies, estimated_time, file_path, "
						+ "priority, agent_type, blocked_reason; the title is the first '# ' heading.",
				"A task whose status changed since it was last imported keeps that status unless --replace." })
final class TaskImportCommand implements Callable<Integer> {

	@Mixin
	private Session session;

	@Option(names = "--replace",
			description = "Take every status from the documents, even of tasks that moved since the last import.")
	private boolean replace;

	@Parameters(arity = "1..*", paramLabel = "FILE",
			description = "Task documents in any order, or directories of them; files that are no task "
					+ "documents are skipped.")
	private List<Path> files;

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() {
		try {
			this.session.change(() -> this.session.bean(TaskImportService.class)
				.importFiles(this.files, this.replace, this.session.actor(null)), this::report);
			return 0;
		}
		catch (DocumentsRefusedException ex) {
			// One line per problem, so that an editor jumps to each.
			List<String> problems = ex.getProblems();
			PrintWriter err = this.spec.commandLine().getErr();
			problems.forEach((problem) -> err.println("pm: " + problem));
			if (problems.size() > 1) {
				err.println("pm: " + problems.size() + " problems; nothing was imported");
			}
			err.flush();
			return PmCommandLine.REFUSED;
		}
	}

	private void report(ImportResult result) {
		int count = result.created().size() + result.updated().size() + result.unchanged().size();
		this.session.out()
			.println("Imported " + count + ((count == 1) ? " task" : " tasks") + ": " + result.created().size()
					+ " new, " + result.updated().size() + " updated, " + result.unchanged().size() + " unchanged"
					+ (result.createdFeatures().isEmpty() ? ""
							: "; created " + String.join(", ", result.createdFeatures()))
					+ ".");
		if (!result.skipped().isEmpty()) {
			this.session.out()
				.println("Skipped " + String.join(", ", result.skipped())
						+ ": not task documents (no front matter or no task_key).");
		}
		if (!result.keptStatus().isEmpty()) {
			this.session.out()
				.println("Kept the status of " + String.join(", ", result.keptStatus())
						+ ": it changed since the last import (--replace takes the documents' status).");
		}
	}

}
