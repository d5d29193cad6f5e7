package dev.pm.cli.command;

import java.io.PrintWriter;
import java.util.List;

import dev.pm.cli.plan.Availability;
import dev.pm.cli.plan.HistoryEntry;
import dev.pm.cli.plan.Progress;
import dev.pm.cli.plan.Task;
import dev.pm.cli.plan.TaskLink;
import dev.pm.cli.plan.TaskStatus;

/**
 * How tasks look in tables, for people; scripts use {@code --json}.
 */
final class TaskViews {

	private TaskViews() {
	}

	static void list(PrintWriter out, List<Task> tasks) {
		Table table = Table.withHeaders("KEY", "STATUS", "PRI", "TYPE", "AGENT", "TITLE", "DEPENDS ON");
		tasks.forEach((task) -> table.row(task.key(), status(task), task.priority(), task.agentType(), task.agent(),
				task.title(), links(task.dependsOn())));
		table.print(out, "No tasks.");
	}

	static void details(PrintWriter out, Task task, List<HistoryEntry> history) {
		Table.ofProperties()
			.row("key", task.key())
			.row("title", task.title())
			.row("status", status(task))
			.row("priority", task.priority())
			.row("agent type", task.agentType())
			.row("agent", task.agent())
			.row("feature", task.feature())
			.row("estimate", task.estimate())
			.row("created", task.created())
			.row("started", task.startedAt())
			.row("updated", task.updatedAt())
			.row("file", task.filePath())
			.row("depends on", links(task.dependsOn()))
			.row("required by", links(task.requiredBy()))
			.row("lease until", task.leaseExpiresAt())
			.print(out, "");
		description(out, task.description());
		if (!history.isEmpty()) {
			out.println();
			history(out, history);
		}
	}

	/** A description, after a blank line; nothing without one. */
	static void description(PrintWriter out, String description) {
		if (description != null) {
			out.println();
			out.println(description);
		}
	}

	static void history(PrintWriter out, List<HistoryEntry> entries) {
		Table table = Table.withHeaders("AT", "EVENT", "FROM", "TO", "AGENT", "NOTES");
		entries.forEach((entry) -> table.row(entry.at(), entry.event(), entry.from(), entry.to(), entry.agent(),
				entry.notes()));
		table.print(out, "No history.");
	}

	static void projectHistory(PrintWriter out, List<HistoryEntry> entries) {
		Table table = Table.withHeaders("AT", "KEY", "EVENT", "FROM", "TO", "AGENT", "NOTES");
		entries.forEach((entry) -> table.row(entry.at(), entry.key(), entry.event(), entry.from(), entry.to(),
				entry.agent(), entry.notes()));
		table.print(out, "No history.");
	}

	static void availability(PrintWriter out, Availability availability, String verb) {
		if (availability.task() == null) {
			out.println(availability.reason());
			return;
		}
		Task task = availability.task();
		out.println(verb + " " + task.key() + " (priority " + task.priority() + "): " + task.title());
	}

	static String changed(Task task) {
		return "Task " + task.key() + " is " + status(task) + ".";
	}

	static String progress(Progress progress) {
		return (progress.percent() != null) ? progress.percent() + "%" : "-";
	}

	/** The status, with the reason of a blocked task: people see both at a glance. */
	private static String status(Task task) {
		return (task.status() == TaskStatus.BLOCKED && task.blockedReason() != null)
				? task.status() + ": " + task.blockedReason() : task.status().toString();
	}

	/**
	 * Dependencies that are done show as their key; others with their status, which is
	 * what matters.
	 */
	private static String links(List<TaskLink> links) {
		return Table.list(links.stream()
			.map((link) -> link.status().isDone() ? link.key() : link.key() + " (" + link.status() + ")")
			.toList());
	}

}
