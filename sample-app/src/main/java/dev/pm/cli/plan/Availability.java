package dev.pm.cli.plan;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What {@code pm task next} and {@code pm task claim} found: a task, or why there is
 * none.
 *
 * @param task the task, or {@code null} when none is available ({@code result} in JSON)
 * @param reason why none is available, or {@code null} with a task
 */
public record Availability(@JsonProperty("result") Task task, String reason) {

	static Availability of(Task task) {
		return new Availability(task, null);
	}

	/**
	 * No task is available; says how many todo tasks wait on dependencies, and lists each
	 * of them with what it waits on, so that the count and the list agree.
	 * @param waiting each waiting task with the dependencies it waits on
	 * @return the availability
	 */
	static Availability none(Map<String, List<TaskLink>> waiting) {
		return none(waiting, Map.of());
	}

	/**
	 * No task is available; says how many todo tasks wait on dependencies and how many
	 * are assigned to other agents, and lists each, so that the counts and the lists
	 * agree.
	 * @param waiting each waiting task with the dependencies it waits on
	 * @param assignedToOthers each todo task not waiting that another agent is to take,
	 * with that agent
	 * @return the availability
	 */
	static Availability none(Map<String, List<TaskLink>> waiting, Map<String, String> assignedToOthers) {
		if (assignedToOthers.isEmpty()) {
			return noneWaiting(waiting);
		}
		int count = assignedToOthers.size();
		String assigned = count + ((count == 1) ? " todo task is" : " todo tasks are") + " assigned to another agent: "
				+ String.join(", ",
						assignedToOthers.entrySet()
							.stream()
							.map((task) -> task.getKey() + " (" + task.getValue() + ")")
							.toList());
		String reason = noneWaiting(waiting).reason();
		return new Availability(null, reason + (reason.contains(":") ? "; " : ": ") + assigned);
	}

	private static Availability noneWaiting(Map<String, List<TaskLink>> waiting) {
		if (waiting.isEmpty()) {
			return new Availability(null, "no task is available");
		}
		List<String> tasks = waiting.entrySet()
			.stream()
			.map((task) -> task.getKey() + " waits on "
					+ String.join(", ",
							task.getValue().stream().map((link) -> link.key() + " (" + link.status() + ")").toList()))
			.toList();
		int count = waiting.size();
		String what = (count == 1) ? " todo task waits" : " todo tasks wait";
		return new Availability(null, "no task is available: " + count + what + " on dependencies not completed: "
				+ String.join("; ", tasks));
	}

}
