package dev.pm.cli.importing;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.pm.cli.plan.EpicRepository;
import dev.pm.cli.plan.FeatureRepository;
import dev.pm.cli.plan.PlanException;
import dev.pm.cli.plan.Task;
import dev.pm.cli.plan.TaskRepository;
import dev.pm.cli.plan.TaskRules;
import dev.pm.cli.plan.TaskStatus;

/**
 * Imports task documents, all in one transaction: every document is imported or none is.
 * <p>
 * Tasks are written first and their dependencies second, so documents may come in any order;
 * a task that already exists is replaced by its document, which keeps the documents the source
 * of truth when they are edited and imported again.
 */
@Service
public class TaskImportService {

	private final TaskDocumentParser parser = new TaskDocumentParser();

	private final EpicRepository epics;

	private final FeatureRepository features;

	private final TaskRepository tasks;

	private final TaskRules rules;

	TaskImportService(EpicRepository epics, FeatureRepository features, TaskRepository tasks, TaskRules rules) {
		this.epics = epics;
		this.features = features;
		this.tasks = tasks;
		this.rules = rules;
	}

	/**
	 * Imports task documents.
	 * @param files the documents, in any order
	 * @return what changed
	 * @throws TaskDocumentException if a document is malformed, naming the file and line
	 * @throws PlanException if the documents break a rule of the plan; nothing is imported
	 */
	@Transactional
	public ImportResult importFiles(List<Path> files) {
		Map<String, TaskDocument> documents = parseAll(files);
		String today = LocalDate.now().toString();
		List<String> created = new ArrayList<>();
		List<String> updated = new ArrayList<>();
		List<String> createdFeatures = new ArrayList<>();
		for (TaskDocument document : documents.values()) {
			FeaturePath feature = document.feature();
			if (this.epics.insertIfMissing(feature.epicKey(), feature.epicTitle(), today)) {
				createdFeatures.add(feature.epicKey());
			}
			if (this.features.insertIfMissing(feature.featureKey(), feature.featureTitle(), feature.epicKey(), today)) {
				createdFeatures.add(feature.featureKey());
			}
			(this.tasks.exists(document.key()) ? updated : created).add(document.key());
			this.tasks.save(taskOf(document, today));
		}
		for (TaskDocument document : documents.values()) {
			for (String dependency : document.dependsOn()) {
				if (!this.tasks.exists(dependency)) {
					throw new PlanException(document.file() + ": task " + document.key() + " depends on " + dependency
							+ ", which is neither in the database nor in this import");
				}
			}
			this.rules.replaceDependencies(document.key(), document.dependsOn());
		}
		this.rules.requireNoCycle(documents.keySet());
		documents.values()
			.stream()
			.filter((document) -> document.status() == TaskStatus.COMPLETED)
			.forEach((document) -> this.rules.requireDependenciesCompleted(document.key()));
		return new ImportResult(created, updated, createdFeatures);
	}

	private Map<String, TaskDocument> parseAll(List<Path> files) {
		Map<String, TaskDocument> documents = new LinkedHashMap<>();
		for (Path file : files) {
			TaskDocument document = this.parser.parse(file);
			TaskDocument other = documents.putIfAbsent(document.key(), document);
			if (other != null) {
				throw new PlanException("task " + document.key() + " is in two documents: " + other.file() + " and "
						+ document.file());
			}
		}
		return documents;
	}

	private static Task taskOf(TaskDocument document, String today) {
		String created = (document.created() != null) ? document.created() : today;
		String filePath = (document.filePath() != null) ? document.filePath() : document.file().toString();
		return new Task(document.key(), document.title(), document.feature().featureKey(), document.status(),
				document.agent(), document.estimate(), created, filePath, document.dependsOn(), List.of());
	}

}
