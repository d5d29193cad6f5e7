package dev.pm.cli.importing;

import java.util.List;

import dev.pm.cli.plan.PlanException;

/**
 * Documents an import refused, every one of them with its problem: the author fixes them
 * all after one run, not one per run. Nothing was imported.
 */
public class DocumentsRefusedException extends PlanException {

	private final List<String> problems;

	/**
	 * Creates the exception.
	 * @param problems one line per problem, {@code file:line: problem} or
	 * {@code file: problem}
	 */
	public DocumentsRefusedException(List<String> problems) {
		super(String.join("\n", problems));
		this.problems = List.copyOf(problems);
	}

	/**
	 * Returns the problems.
	 * @return one line each, in the order of the files
	 */
	public List<String> getProblems() {
		return this.problems;
	}

}
