package dev.pm.cli.importing;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.pm.cli.plan.EpicRepository;
import dev.pm.cli.plan.FeatureRepository;
import dev.pm.cli.plan.HistoryEntry;
import dev.pm.cli.plan.HistoryRepository;
import dev.pm.cli.plan.PlanException;
import dev.pm.cli.plan.Task;
import dev.pm.cli.plan.TaskFilter;
import dev.pm.cli.plan.TaskLink;
import dev.pm.cli.plan.TaskRepository;
import dev.pm.cli.plan.TaskRules;
import dev.pm.cli.plan.TaskSort;
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
	 * @param files the documents, in any order; a directory for its Markdown files
	 * @param replace whether documents replace statuses changed since the last import
	 * @param actor who imports them
	 * @return what changed
	 * @throws DocumentsRefusedException if documents are malformed or break a rule of the
	 * plan: every one of them, each naming its file (and line); nothing is imported
	 * @throws PlanException if the documents break a rule of the plan; nothing is
	 * imported
	 */
	@Transactional
	public ImportResult importFiles(List<Path> files, boolean replace, String actor) {
		DocumentSet set = DocumentSet.read(files, this.parser);
		// Malformed documents first, then what the well-formed ones break, all in one
		// run: the writes below are rolled back when anything is refused. A dependency
		// on a malformed document is not reported again as missing.
		List<String> problems = new ArrayList<>(set.problems());
		Set<String> malformed = set.malformedKeys();
		Map<String, TaskDocument> documents = set.documents();
		Map<String, List<String>> dependencies = dependencies(documents, problems);
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
			if (existing.isPresent() && sameAs(task, dependencies.get(document.key()), existing.get())) {
				unchanged.add(document.key());
				continue;
			}
			(existing.isPresent() ? updated : created).add(document.key());
			this.tasks.save(task, now);
			this.history.append(document.key(), new HistoryEntry(now, document.key(), "imported",
					existing.map(Task::status).orElse(null), task.status(), actor, notes));
		}
		for (TaskDocument document : documents.values()) {
			List<String> missing = dependencies.get(document.key())
				.stream()
				.filter((dependency) -> !this.tasks.exists(dependency))
				.toList();
			missing.stream()
				.filter((dependency) -> !malformed.contains(dependency))
				.forEach((dependency) -> problems.add(document.file() + ": task " + document.key() + " depends on "
						+ dependency + ", which is neither in the database nor in this import"));
			if (missing.isEmpty()) {
				explained(document, problems,
						() -> this.rules.replaceDependencies(document.key(), dependencies.get(document.key())));
			}
		}
		refuseIfAny(problems);
		// The cycle starts at a task of this import: its document is the one to look at.
		this.rules.cycleThrough(documents.keySet()).ifPresent((cycle) -> {
			throw new PlanException(
					documents.get(cycle.get(0)).file() + ": dependency cycle refused: " + String.join(" -> ", cycle));
		});
		// Completed before their dependencies first: that is the mistake a document
		// usually makes.
		documents.values().forEach((document) -> requireDependencyRule(document, true, problems));
		documents.values().forEach((document) -> requireDependencyRule(document, false, problems));
		refuseIfAny(problems);
		return new ImportResult(created, updated, createdFeatures, keptStatus, unchanged, set.skipped());
	}

	/**
	 * Each document's dependencies as task keys: a feature it names stands for every task
	 * of that feature, in the database or in this import. A feature without tasks, or the
	 * task's own feature, is a problem.
	 */
	private Map<String, List<String>> dependencies(Map<String, TaskDocument> documents, List<String> problems) {
		Map<String, List<String>> dependencies = new LinkedHashMap<>();
		for (TaskDocument document : documents.values()) {
			Set<String> keys = new LinkedHashSet<>(document.dependsOn());
			for (String feature : document.dependsOnFeatures()) {
				if (feature.equals(document.feature().featureKey())) {
					problems.add(document.file() + ": task " + document.key() + " cannot depend on its own feature "
							+ feature + "; name the tasks it waits for");
					continue;
				}
				Set<String> tasks = tasksOf(feature, documents);
				if (tasks.isEmpty()) {
					problems.add(document.file() + ": task " + document.key() + " depends on feature " + feature
							+ ", which has no tasks in the database nor in this import");
				}
				keys.addAll(tasks);
			}
			dependencies.put(document.key(), List.copyOf(keys));
		}
		return dependencies;
	}

	private Set<String> tasksOf(String feature, Map<String, TaskDocument> documents) {
		TaskFilter filter = new TaskFilter(Set.of(), null, feature, null, null, null, false, true, TaskSort.KEY);
		Set<String> keys = new TreeSet<>();
		this.tasks.findAll(filter).forEach((task) -> keys.add(task.key()));
		documents.values()
			.stream()
			.filter((document) -> document.feature().featureKey().equals(feature))
			.forEach((document) -> keys.add(document.key()));
		return keys;
	}

	private static void refuseIfAny(List<String> problems) {
		if (!problems.isEmpty()) {
			throw new DocumentsRefusedException(problems);
		}
	}

	/** Runs a rule, a refusal becoming a problem that names the document. */
	private static void explained(TaskDocument document, List<String> problems, Runnable rule) {
		try {
			rule.run();
		}
		catch (PlanException ex) {
			problems.add(document.file() + ": " + ex.getMessage());
		}
	}

	/**
	 * The rule of dependencies in one direction, for an imported task, with the document
	 * named.
	 */
	private void requireDependencyRule(TaskDocument document, boolean done, List<String> problems) {
		Task task = this.tasks.find(document.key()).orElseThrow();
		explained(document, problems, () -> {
			if (done && task.status().isDone()) {
				this.rules.requireDependenciesDone(task);
			}
			else if (!done && !task.status().isDone()) {
				this.rules.requireNoDoneDependents(task, "make " + task.key() + " " + task.status());
			}
		});
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
	private static boolean sameAs(Task imported, List<String> dependencies, Task existing) {
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
					.equals(dependencies.stream().sorted().distinct().toList());
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
