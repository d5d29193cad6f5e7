package dev.pm.cli.plan;

/**
 * An operation on the plan that was refused: a broken rule, a missing or duplicate key.
 * The message is written for the user of the CLI and names the keys involved.
 */
public class PlanException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what was refused and why, naming the keys involved
	 */
	public PlanException(String message) {
		super(message);
	}

}
