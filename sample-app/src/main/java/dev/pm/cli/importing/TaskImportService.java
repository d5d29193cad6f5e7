package dev.pm.cli.importing;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.pm.cli.plan.EpicRepository;
import dev.pm.cli.plan.FeatureRepository;
import dev.pm.cli.plan.HistoryEntry;
import dev.pm.cli.plan.HistoryRepository;
import dev.pm.cli.plan.PlanException;
import dev.pm.cli.plan.Task;
import dev.pm.cli.plan.TaskLink;
import dev.pm.cli.plan.TaskRepository;
import dev.pm.cli.plan.TaskRules;
import dev.pm.cli.plan.Timestamps;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports task documents, all in one transaction: every document is imported or none is.
 * <p>
 * Tasks are written first and their dependencies second, so documents may come in any
 * order. A task that already exists is updated from its document, which keeps the
 * documents the source of truth for what is to be done; but its status is kept when it
 * changed since the task was last imported (an agent started it, a reviewer approved it),
 * unless the import replaces it.
 */
@Service
public class TaskImportService {

	private final TaskDocumentParser parser = new TaskDocumentParser();

	private final EpicRepository epics;

	private final FeatureRepository features;

	private final TaskRepository tasks;

	private final HistoryRepository history;

	private final TaskRules rules;

	private final Timestamps timestamps;

	TaskImportService(EpicRepository epics, FeatureRepository features, TaskRepository tasks, HistoryRepository history,
			TaskRules rules, Timestamps timestamps) {
		this.epics = epics;
		this.features = features;
		this.tasks = tasks;
		this.history = history;
		this.rules = rules;
		this.timestamps = timestamps;
	}

	/**
	 * Imports task documents.
	 * @param files the documents, in any order
	 * @param replace whether documents replace statuses changed since the last import
	 * @param actor who imports them
	 * @return what changed
	 * @throws TaskDocumentException if a document is malformed, naming the file and line
	 * @throws PlanException if the documents break a rule of the plan; nothing is
	 * imported
	 */
	@Transactional
	public ImportResult importFiles(List<Path> files, boolean replace, String actor) {
		Map<String, TaskDocument> documents = parseAll(files);
		String today = LocalDate.now().toString();
		String now = this.timestamps.now();
		List<String> created = new ArrayList<>();
		List<String> updated = new ArrayList<>();
		List<String> createdFeatures = new ArrayList<>();
		List<String> keptStatus = new ArrayList<>();
		List<String> unchanged = new ArrayList<>();
		for (TaskDocument document : documents.values()) {
			FeaturePath feature = document.feature();
			if (this.epics.insertIfMissing(feature.epicKey(), feature.epicTitle(), today)) {
				createdFeatures.add(feature.epicKey());
			}
			if (this.features.insertIfMissing(feature.featureKey(), feature.featureTitle(), feature.epicKey(), today)) {
				createdFeatures.add(feature.featureKey());
			}
			Optional<Task> existing = this.tasks.find(document.key());
			Task task = taskOf(document, today);
			String notes = "from " + document.file();
			if (existing.isPresent() && !replace && movedSinceLastImport(existing.get())) {
				task = withStatusOf(task, existing.get());
				keptStatus.add(document.key());
				notes += "; kept " + task.status() + " (changed since the last import), not " + document.status();
			}
			if (existing.isPresent() && sameAs(task, document, existing.get())) {
				unchanged.add(document.key());
				continue;
			}
			(existing.isPresent() ? updated : created).add(document.key());
			this.tasks.save(task, now);
			this.history.append(document.key(), new HistoryEntry(now, document.key(), "imported",
					existing.map(Task::status).orElse(null), task.status(), actor, notes));
		}
		for (TaskDocument document : documents.values()) {
			for (String dependency : document.dependsOn()) {
				if (!this.tasks.exists(dependency)) {
					throw new PlanException(document.file() + ": task " + document.key() + " depends on " + dependency
							+ ", which is neither in the database nor in this import");
				}
			}
			try {
				this.rules.replaceDependencies(document.key(), document.dependsOn());
			}
			catch (PlanException ex) {
				throw new PlanException(document.file() + ": " + ex.getMessage());
			}
		}
		// The cycle starts at a task of this import: its document is the one to look at.
		this.rules.cycleThrough(documents.keySet()).ifPresent((cycle) -> {
			throw new PlanException(
					documents.get(cycle.get(0)).file() + ": dependency cycle refused: " + String.join(" -> ", cycle));
		});
		// Completed before their dependencies first: that is the mistake a document
		// usually makes.
		documents.values().forEach((document) -> requireDependencyRule(document, true));
		documents.values().forEach((document) -> requireDependencyRule(document, false));
		return new ImportResult(created, updated, createdFeatures, keptStatus, unchanged);
	}

	/**
	 * The rule of dependencies in one direction, for an imported task, with the document
	 * named.
	 */
	private void requireDependencyRule(TaskDocument document, boolean done) {
		Task task = this.tasks.find(document.key()).orElseThrow();
		try {
			if (done && task.status().isDone()) {
				this.rules.requireDependenciesDone(task);
			}
			else if (!done && !task.status().isDone()) {
				this.rules.requireNoDoneDependents(task, "make " + task.key() + " " + task.status());
			}
		}
		catch (PlanException ex) {
			throw new PlanException(document.file() + ": " + ex.getMessage());
		}
	}

	/**
	 * Whether the status differs from what the last import (or {@code pm task add}) gave
	 * the task.
	 */
	private boolean movedSinceLastImport(Task task) {
		return task.status() != this.history.statusFromLastImport(task.key());
	}

	/**
	 * Whether importing the document would change nothing: the task as the document makes
	 * it, dependencies included, is the task in the database.
	 */
	private static boolean sameAs(Task imported, TaskDocument document, Task existing) {
		return Objects.equals(existing.title(), imported.title()) && existing.feature().equals(imported.feature())
				&& existing.status() == imported.status() && existing.priority() == imported.priority()
				&& Objects.equals(existing.agentType(), imported.agentType())
				&& Objects.equals(existing.agent(), imported.agent())
				&& Objects.equals(existing.estimate(), imported.estimate())
				&& Objects.equals(existing.created(), imported.created())
				&& Objects.equals(existing.filePath(), imported.filePath())
				&& Objects.equals(existing.blockedReason(), imported.blockedReason())
				&& Objects.equals(existing.description(), imported.description())
				&& existing.dependsOn()
					.stream()
					.map(TaskLink::key)
					.sorted()
					.toList()
					.equals(document.dependsOn().stream().sorted().distinct().toList());
	}

	private Map<String, TaskDocument> parseAll(List<Path> files) {
		Map<String, TaskDocument> documents = new LinkedHashMap<>();
		for (Path file : files) {
			TaskDocument document = this.parser.parse(file);
			TaskDocument other = documents.putIfAbsent(document.key(), document);
			if (other != null) {
				throw new PlanException(
						"task " + document.key() + " is in two documents: " + other.file() + " and " + document.file());
			}
		}
		return documents;
	}

	private static Task taskOf(TaskDocument document, String today) {
		String created = (document.created() != null) ? document.created() : today;
		String filePath = (document.filePath() != null) ? document.filePath() : document.file().toString();
		return new Task(document.key(), document.title(), document.feature().featureKey(), document.feature().epicKey(),
				document.status(), document.priority(), document.agentType(), document.agent(), document.estimate(),
				created, filePath, document.blockedReason(), null, null, List.of(), List.of(), document.description(),
				null);
	}

	/** The document's task with the status, assignment and reason the database has. */
	private static Task withStatusOf(Task task, Task existing) {
		return new Task(task.key(), task.title(), task.feature(), task.epic(), existing.status(), task.priority(),
				task.agentType(), existing.agent(), task.estimate(), task.created(), task.filePath(),
				existing.blockedReason(), null, null, List.of(), List.of(), task.description(), null);
	}

}
