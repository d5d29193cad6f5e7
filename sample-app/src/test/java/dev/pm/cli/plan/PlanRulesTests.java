package dev.pm.cli.plan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.pm.cli.importing.TaskImportService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The rules of the plan, each refusal proven to leave the database unchanged. Subclasses run
 * them on an in-memory database and on a file.
 */
abstract class PlanRulesTests {

	@Autowired
	private EpicService epics;

	@Autowired
	private FeatureService features;

	@Autowired
	private TaskService tasks;

	@Autowired
	private TaskImportService imports;

	@Autowired
	private JdbcClient jdbc;

	@TempDir
	Path documents;

	private PlanDatabase database;

	@BeforeEach
	void emptyPlanWithOneFeature() {
		this.database = new PlanDatabase(this.jdbc);
		this.database.empty();
		this.epics.add("E01", "Offline mode");
		this.features.add("E01-F01", "Local storage", "E01");
	}

	@Test
	void taskCannotBeCompletedWhileADependencyIsNotCompleted() {
		addTask("T-E01-F01-001");
		addTask("T-E01-F01-002", "T-E01-F01-001");
		this.tasks.start("T-E01-F01-001");

		assertRefusedWithoutChange(() -> this.tasks.complete("T-E01-F01-002"),
				"task T-E01-F01-002 cannot be completed: it depends on T-E01-F01-001, not completed yet");
	}

	@Test
	void taskCanBeCompletedOnceEveryDependencyIsCompleted() {
		addTask("T-E01-F01-001");
		addTask("T-E01-F01-002", "T-E01-F01-001");
		this.tasks.complete("T-E01-F01-001");

		assertThat(this.tasks.complete("T-E01-F01-002").status()).isEqualTo(TaskStatus.COMPLETED);
	}

	@Test
	void tasksMoveThroughStartAndBlock() {
		addTask("T-E01-F01-001");

		assertThat(this.tasks.start("T-E01-F01-001").status()).isEqualTo(TaskStatus.IN_PROGRESS);
		assertThat(this.tasks.block("T-E01-F01-001").status()).isEqualTo(TaskStatus.BLOCKED);
	}

	@Test
	void changingTheStatusOfAMissingTaskIsRefused() {
		assertRefusedWithoutChange(() -> this.tasks.start("T-E01-F01-404"), "task T-E01-F01-404 does not exist");
	}

	@Test
	void addingATaskWithAMissingDependencyLeavesNoTaskBehind() {
		addTask("T-E01-F01-001");

		assertRefusedWithoutChange(() -> addTask("T-E01-F01-002", "T-E01-F01-001", "T-E01-F01-099"),
				"task T-E01-F01-002 depends on T-E01-F01-099, which does not exist");
	}

	@Test
	void aTaskCannotDependOnItself() {
		assertRefusedWithoutChange(() -> addTask("T-E01-F01-001", "T-E01-F01-001"),
				"task T-E01-F01-001 cannot depend on itself");
	}

	@Test
	void aDependencyCycleWithinOneImportIsRefused() throws Exception {
		Path first = document("T-E01-F01-001", "todo", "T-E01-F01-002");
		Path second = document("T-E01-F01-002", "todo", "T-E01-F01-001");

		assertRefusedWithoutChange(() -> this.imports.importFiles(List.of(first, second)),
				"dependency cycle refused: T-E01-F01-001 -> T-E01-F01-002 -> T-E01-F01-001");
	}

	@Test
	void aDependencyCycleThroughTasksAlreadyInTheDatabaseIsRefused() throws Exception {
		addTask("T-E01-F01-001");
		addTask("T-E01-F01-002", "T-E01-F01-001");
		addTask("T-E01-F01-003", "T-E01-F01-002");
		Path reimported = document("T-E01-F01-001", "todo", "T-E01-F01-003");

		assertRefusedWithoutChange(() -> this.imports.importFiles(List.of(reimported)),
				"dependency cycle refused: T-E01-F01-001 -> T-E01-F01-003 -> T-E01-F01-002 -> T-E01-F01-001");
	}

	@Test
	void deletingAFeatureThatStillHasTasksIsRefusedWithTheirNumber() {
		addTask("T-E01-F01-001");
		addTask("T-E01-F01-002");

		assertRefusedWithoutChange(() -> this.features.delete("E01-F01"),
				"feature E01-F01 still has 2 tasks; delete or move them first");
	}

	@Test
	void aFeatureWithoutTasksIsDeleted() {
		this.features.delete("E01-F01");

		assertThat(this.features.list(null)).isEmpty();
	}

	@Test
	void deletingAMissingFeatureIsRefused() {
		assertRefusedWithoutChange(() -> this.features.delete("E01-F09"), "feature E01-F09 does not exist");
	}

	@Test
	void duplicateKeysAreRefused() {
		addTask("T-E01-F01-001");

		assertRefusedWithoutChange(() -> this.epics.add("E01", "Again"), "epic E01 already exists");
		assertRefusedWithoutChange(() -> this.features.add("E01-F01", "Again", "E01"), "feature E01-F01 already exists");
		assertRefusedWithoutChange(() -> addTask("T-E01-F01-001"), "task T-E01-F01-001 already exists");
	}

	@Test
	void aFeatureOfAMissingEpicIsRefused() {
		assertRefusedWithoutChange(() -> this.features.add("E09-F01", "Orphan", "E09"),
				"epic E09 does not exist; add it first with 'pm epic add'");
	}

	@Test
	void aTaskOfAMissingFeatureIsRefused() {
		assertRefusedWithoutChange(
				() -> this.tasks.add(new NewTask("T-E01-F09-001", "Orphan", "E01-F09", List.of(), null, null)),
				"feature E01-F09 does not exist; add it first with 'pm feature add'");
	}

	@Test
	void keysMustNameTheirParents() {
		assertRefusedWithoutChange(() -> this.features.add("E02-F01", "Elsewhere", "E01"),
				"feature E02-F01 belongs to epic E02, not E01");
		assertRefusedWithoutChange(
				() -> this.tasks.add(new NewTask("T-E02-F01-001", "Elsewhere", "E01-F01", List.of(), null, null)),
				"task T-E02-F01-001 belongs to feature E02-F01, not E01-F01");
	}

	@Test
	void blankTitlesAreRefused() {
		assertRefusedWithoutChange(() -> this.epics.add("E02", " "), "epic E02 needs a title");
	}

	@Test
	void importedDependenciesResolveInAnyFileOrder() throws Exception {
		Path third = document("T-E01-F01-003", "todo", "T-E01-F01-002");
		Path second = document("T-E01-F01-002", "todo", "T-E01-F01-001");
		Path first = document("T-E01-F01-001", "completed");

		this.imports.importFiles(List.of(third, second, first));

		assertThat(this.tasks.show("T-E01-F01-003").dependsOn()).containsExactly("T-E01-F01-002");
		assertThat(this.tasks.show("T-E01-F01-001").requiredBy()).containsExactly("T-E01-F01-002");
	}

	@Test
	void importingADependencyOnATaskThatExistsNowhereIsRefusedNamingBothKeys() throws Exception {
		Path good = document("T-E01-F01-001", "todo");
		Path bad = document("T-E01-F01-002", "todo", "T-E01-F01-099");

		assertRefusedWithoutChange(() -> this.imports.importFiles(List.of(good, bad)),
				"task T-E01-F01-002 depends on T-E01-F01-099, which is neither in the database nor in this import");
	}

	@Test
	void importingACompletedTaskWithADependencyNotCompletedIsRefused() throws Exception {
		Path first = document("T-E01-F01-001", "todo");
		Path second = document("T-E01-F01-002", "completed", "T-E01-F01-001");

		assertRefusedWithoutChange(() -> this.imports.importFiles(List.of(first, second)),
				"task T-E01-F01-002 cannot be completed: it depends on T-E01-F01-001, not completed yet");
	}

	@Test
	void importingOneTaskFromTwoDocumentsIsRefused() throws Exception {
		Path first = document("T-E01-F01-001", "todo");
		Path copy = Files.copy(first, this.documents.resolve("copy.md"));

		assertRefusedWithoutChange(() -> this.imports.importFiles(List.of(first, copy)),
				"task T-E01-F01-001 is in two documents");
	}

	@Test
	void aMalformedDocumentLeavesTheOthersUnimported() throws Exception {
		Path good = document("T-E01-F01-001", "todo");
		Path malformed = Files.writeString(this.documents.resolve("malformed.md"), "---\ntask_key: [\n---\n");

		assertRefusedWithoutChange(() -> this.imports.importFiles(List.of(good, malformed)), "malformed.md:");
	}

	@Test
	void importingATaskAgainReplacesItWithItsDocument() throws Exception {
		addTask("T-E01-F01-001");
		addTask("T-E01-F01-002", "T-E01-F01-001");
		Path edited = document("T-E01-F01-002", "blocked");

		var result = this.imports.importFiles(List.of(edited));

		assertThat(result.updated()).containsExactly("T-E01-F01-002");
		Task task = this.tasks.show("T-E01-F01-002");
		assertThat(task.status()).isEqualTo(TaskStatus.BLOCKED);
		assertThat(task.dependsOn()).isEmpty();
	}

	@Test
	void importCreatesMissingEpicsAndFeaturesFromThePath() throws Exception {
		Path file = Files.writeString(this.documents.resolve("task.md"), """
				---
				task_key: T-E07-F02-001
				feature: docs/plan/E07-mobile-app/E07-F02-sync-engine
				---
				# Sync on reconnect
				""");

		var result = this.imports.importFiles(List.of(file));

		assertThat(result.createdFeatures()).containsExactly("E07", "E07-F02");
		assertThat(this.epics.list()).extracting(Epic::key, Epic::title).contains(tuple("E07", "Mobile app"));
		assertThat(this.features.list("E07")).extracting(Feature::title).containsExactly("Sync engine");
	}

	private void assertRefusedWithoutChange(Runnable operation, String message) {
		String before = this.database.snapshot();
		assertThatExceptionOfType(PlanException.class).isThrownBy(operation::run).withMessageContaining(message);
		assertThat(this.database.snapshot()).isEqualTo(before);
	}

	private void addTask(String key, String... dependsOn) {
		this.tasks.add(new NewTask(key, "Task " + key, KeyFormat.TASK.parentOf(key), List.of(dependsOn), null, null));
	}

	private Path document(String key, String status, String... dependsOn) throws Exception {
		StringBuilder dependencies = new StringBuilder();
		for (String dependency : dependsOn) {
			dependencies.append("\n  - ").append(dependency);
		}
		return Files.writeString(this.documents.resolve(key + "-" + System.nanoTime() + ".md"), """
				---
				task_key: %s
				status: %s
				feature: plan/E01-offline-mode/%s-local-storage
				dependencies:%s
				---
				# PRP: Task %s
				""".formatted(key, status, KeyFormat.TASK.parentOf(key), dependencies, key));
	}

}
