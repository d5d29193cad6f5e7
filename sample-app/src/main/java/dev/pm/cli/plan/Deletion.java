package dev.pm.cli.plan;

import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * Deletes an epic or a feature, or says why not: what is still in it (the foreign key of
 * its features or tasks refused the delete), or that it does not exist.
 */
final class Deletion {

	private Deletion() {
	}

	/**
	 * Deletes, or explains.
	 * @param what {@code epic E01}
	 * @param delete deletes it, {@code false} if it does not exist
	 * @param children counts what is in the way
	 * @param inTheWay {@code 2 features; delete them first}, for a count
	 * @throws PlanException if it still has children, or does not exist
	 */
	static void deleteOrExplain(String what, BooleanSupplier delete, IntSupplier children,
			IntFunction<String> inTheWay) {
		boolean deleted;
		try {
			deleted = delete.getAsBoolean();
		}
		catch (DataIntegrityViolationException ex) {
			// A foreign key refused: say how many rows are in the way.
			throw new PlanException(what + " still has " + inTheWay.apply(children.getAsInt()));
		}
		if (!deleted) {
			throw new PlanException(what + " does not exist");
		}
	}

}
