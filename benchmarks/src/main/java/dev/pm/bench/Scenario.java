package dev.pm.bench;

/**
 * One line of the "what to measure": it sets up its databases in the workspace,
 * runs its variants in interleaved rounds and checks that the work was really done.
 *
 * @author pm-db
 */
public interface Scenario {

	/**
	 * Return the short name used to select the scenario on the command line.
	 * @return the name
	 */
	String name();

	/**
	 * Run the scenario.
	 * @param workspace where its databases go
	 * @param sizes how much work to do
	 * @return what it measured
	 * @throws Exception if a setup fails or the work was not done
	 */
	ScenarioResult run(Workspace workspace, Sizes sizes) throws Exception;

}
