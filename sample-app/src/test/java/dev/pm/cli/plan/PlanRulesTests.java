package dev.pm.cli.plan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.pm.cli.importing.DocumentsRefusedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The rules of the plan: keys, titles, dependencies, imports; each refusal proven to
 * leave the database unchanged. Subclasses run them, and the {@link WorkflowTests} they
 * extend, on an in-memory database and on a file.
 */
abstract class PlanRulesTests extends WorkflowTests {

	@Test
	void taskCannotBeDoneWhileADependencyIsNotCompleted() {
		addTask("T-E01-F01-001");
		addTask("T-E01-F01-002", "T-E01-F01-001");
		change(Transition.START, "T-E01-F01-001");

		assertRefusedWithoutChange(() -> change(Transition.DONE, "T-E01-F01-002"),
				"task T-E01-F01-002 cannot be completed: it depends on T-E01-F01-001, not completed yet");
	}

	@Test
	void taskCanBeDoneOnceEveryDependencyIsCompleted() {
		addTask("T-E01-F01-001");
		addTask("T-E01-F01-002", "T-E01-F01-001");
		change(Transition.DONE, "T-E01-F01-001");

		assertThat(change(Transition.DONE, "T-E01-F01-002").status()).isEqualTo(TaskStatus.COMPLETED);
	}

	@Test
	void changingTheStatusOfAMissingTaskIsRefused() {
		assertRefusedWithoutChange(() -> change(Transition.START, "T-E01-F01-404"),
				"task T-E01-F01-404 does not exist");
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

		assertRefusedWithoutChange(() -> this.imports.importFiles(List.of(first, second), false, "tester"),
				"dependency cycle refused: T-E01-F01-001 -> T-E01-F01-002 -> T-E01-F01-001");
	}

	@Test
	void importErrorsNotTiedToALineStillNameTheFile() throws Exception {
		Path first = document("T-E01-F01-001", "todo", "T-E01-F01-002");
		Path second = document("T-E01-F01-002", "todo", "T-E01-F01-001");
		Path itself = document("T-E01-F01-003", "todo", "T-E01-F01-003");
		Path missing = document("T-E01-F01-004", "todo", "T-E01-F01-099");

		assertRefusedWithoutChange(() -> this.imports.importFiles(List.of(first, second), false, "tester"),
				first + ": dependency cycle refused");
		assertRefusedWithoutChange(() -> this.imports.importFiles(List.of(itself), false, "tester"),
				itself + ": task T-E01-F01-003 cannot depend on itself");
		assertRefusedWithoutChange(() -> this.imports.importFiles(List.of(missing), false, "tester"),
				missing + ": task T-E01-F01-004 depends on T-E01-F01-099");
	}

	@Test
	void aDependencyCycleThroughTasksAlreadyInTheDatabaseIsRefused() throws Exception {
		addTask("T-E01-F01-001");
		addTask("T-E01-F01-002", "T-E01-F01-001");
		addTask("T-E01-F01-003", "T-E01-F01-002");
		Path reimported = document("T-E01-F01-001", "todo", "T-E01-F01-003");

		assertRefusedWithoutChange(() -> this.imports.importFiles(List.of(reimported), false, "tester"),
				"dependency cycle refused: T-E01-F01-001 -> T-E01-F01-003 -> T-E01-F01-002 -> T-E01-F01-001");
	}

	@Test
	void deletingAFeatureThatStillHasTasksIsRefusedWithTheirNumber() {
		addTask("T-E01-F01-001");
		addTask("T-E01-F01-002");

		assertRefusedWithoutChange(() -> this.features.delete("E01-F01", "tester"),
				"feature E01-F01 still has 2 tasks; delete them ('pm task delete') or move them");
	}

	@Test
	void aFeatureWithoutTasksIsDeleted() {
		this.features.delete("E01-F01", "tester");

		assertThat(this.features.list(null)).isEmpty();
	}

	@Test
	void deletingAMissingFeatureIsRefused() {
		assertRefusedWithoutChange(() -> this.features.delete("E01-F09", "tester"), "feature E01-F09 does not exist");
	}

	@Test
	void duplicateKeysAreRefused() {
		addTask("T-E01-F01-001");

		assertRefusedWithoutChange(() -> this.epics.add("E01", "Again", "tester"), "epic E01 already exists");
		assertRefusedWithoutChange(() -> this.features.add("E01-F01", "Again", "E01", "tester"),
				"feature E01-F01 already exists");
		assertRefusedWithoutChange(() -> addTask("T-E01-F01-001"), "task T-E01-F01-001 already exists");
	}

	@Test
	void aFeatureOfAMissingEpicIsRefused() {
		assertRefusedWithoutChange(() -> this.features.add("E09-F01", "Orphan", "E09", "tester"),
				"epic E09 does not exist; add it first with 'pm epic add'");
	}

	@Test
	void aTaskOfAMissingFeatureIsRefused() {
		assertRefusedWithoutChange(() -> this.tasks
			.add(new NewTask("T-E01-F09-001", "Orphan", "E01-F09", List.of(), null, null), "tester"),
				"feature E01-F09 does not exist; add it first with 'pm feature add'");
	}

	@Test
	void keysMustNameTheirParents() {
		assertRefusedWithoutChange(() -> this.features.add("E02-F01", "Elsewhere", "E01", "tester"),
				"feature E02-F01 belongs to epic E02, not E01");
		assertRefusedWithoutChange(() -> this.tasks
			.add(new NewTask("T-E02-F01-001", "Elsewhere", "E01-F01", List.of(), null, null), "tester"),
				"task T-E02-F01-001 belongs to feature E02-F01, not E01-F01");
	}

	@Test
	void blankTitlesAreRefused() {
		assertRefusedWithoutChange(() -> this.epics.add("E02", " ", "tester"), "epic E02 needs a title");
	}

	@Test
	void titlesWithALineBreakAreRefused() {
		assertRefusedWithoutChange(() -> this.epics.add("E02", "Two\nlines", "tester"),
				"epic E02: a title must be one line of text");
	}

	@Test
	void importedDependenciesResolveInAnyFileOrder() throws Exception {
		Path third = document("T-E01-F01-003", "todo", "T-E01-F01-002");
		Path second = document("T-E01-F01-002", "todo", "T-E01-F01-001");
		Path first = document("T-E01-F01-001", "completed");

		this.imports.importFiles(List.of(third, second, first), false, "tester");

		assertThat(this.tasks.show("T-E01-F01-003").dependsOn())
			.containsExactly(new TaskLink("T-E01-F01-002", TaskStatus.TODO));
		assertThat(this.tasks.show("T-E01-F01-001").requiredBy())
			.containsExactly(new TaskLink("T-E01-F01-002", TaskStatus.TODO));
	}

	@Test
	void importingADependencyOnATaskThatExistsNowhereIsRefusedNamingBothKeys() throws Exception {
		Path good = document("T-E01-F01-001", "todo");
		Path bad = document("T-E01-F01-002", "todo", "T-E01-F01-099");

		assertRefusedWithoutChange(() -> this.imports.importFiles(List.of(good, bad), false, "tester"),
				"task T-E01-F01-002 depends on T-E01-F01-099, which is neither in the database nor in this import");
	}

	@Test
	void importingACompletedTaskWithADependencyNotCompletedIsRefused() throws Exception {
		Path first = document("T-E01-F01-001", "todo");
		Path second = document("T-E01-F01-002", "completed", "T-E01-F01-001");

		assertRefusedWithoutChange(() -> this.imports.importFiles(List.of(first, second), false, "tester"),
				"task T-E01-F01-002 cannot be completed: it depends on T-E01-F01-001, not completed yet");
	}

	@Test
	void importingOneTaskFromTwoDocumentsIsRefused() throws Exception {
		Path first = document("T-E01-F01-001", "todo");
		Path copy = Files.copy(first, this.documents.resolve("copy.md"));

		assertRefusedWithoutChange(() -> this.imports.importFiles(List.of(first, copy), false, "tester"),
				"task T-E01-F01-001 is in two documents");
	}

	@Test
	void aMalformedDocumentLeavesTheOthersUnimported() throws Exception {
		Path good = document("T-E01-F01-001", "todo");
		Path malformed = Files.writeString(this.documents.resolve("malformed.md"), "---\ntask_key: [\n---\n");

		assertRefusedWithoutChange(() -> this.imports.importFiles(List.of(good, malformed), false, "tester"),
				"malformed.md:");
	}

	@Test
	void importingATaskAgainUpdatesItFromItsDocument() throws Exception {
		addTask("T-E01-F01-001");
		addTask("T-E01-F01-002", "T-E01-F01-001");
		Path edited = document("T-E01-F01-002", "blocked");

		var result = this.imports.importFiles(List.of(edited), false, "tester");

		assertThat(result.updated()).containsExactly("T-E01-F01-002");
		assertThat(result.keptStatus()).isEmpty();
		Task task = this.tasks.show("T-E01-F01-002");
		assertThat(task.status()).isEqualTo(TaskStatus.BLOCKED);
		assertThat(task.dependsOn()).isEmpty();
	}

	@Test
	void reimportingKeepsAStatusChangedSinceTheLastImportAndSaysSo() throws Exception {
		Path document = document("T-E01-F01-001", "todo");
		this.imports.importFiles(List.of(document), false, "tester");
		change(Transition.START, "T-E01-F01-001");
		// Another file: the document changed.
		Path edited = document("T-E01-F01-001", "todo");

		var result = this.imports.importFiles(List.of(edited), false, "tester");

		assertThat(result.keptStatus()).containsExactly("T-E01-F01-001");
		Task task = this.tasks.show("T-E01-F01-001");
		assertThat(task.status()).isEqualTo(TaskStatus.IN_PROGRESS);
		assertThat(task.agent()).isEqualTo("tester");
		assertThat(this.tasks.history("T-E01-F01-001", 1)).singleElement()
			.satisfies((entry) -> assertThat(entry.notes())
				.endsWith("; kept in_progress (changed since the last " + "import), not todo"));
	}

	@Test
	void reimportingWithReplaceTakesTheDocumentsStatus() throws Exception {
		Path document = document("T-E01-F01-001", "todo");
		this.imports.importFiles(List.of(document), false, "tester");
		change(Transition.START, "T-E01-F01-001");

		var result = this.imports.importFiles(List.of(document), true, "tester");

		assertThat(result.keptStatus()).isEmpty();
		assertThat(this.tasks.show("T-E01-F01-001").status()).isEqualTo(TaskStatus.TODO);
	}

	@Test
	void importingADependencyBackToTodoWhileADependentIsCompletedIsRefused() throws Exception {
		this.imports.importFiles(List.of(document("T-E01-F01-001", "completed"),
				document("T-E01-F01-002", "completed", "T-E01-F01-001")), false, "tester");
		Path backToTodo = document("T-E01-F01-001", "todo");

		assertRefusedWithoutChange(() -> this.imports.importFiles(List.of(backToTodo), true, "tester"),
				"cannot make T-E01-F01-001 todo: T-E01-F01-002 (completed) depends on it");
	}

	@Test
	void importAndAddWriteHistory() throws Exception {
		addTask("T-E01-F01-001");
		this.imports.importFiles(List.of(document("T-E01-F01-002", "in_progress")), false, "importer");

		assertThat(this.tasks.history("T-E01-F01-001", 10)).extracting(HistoryEntry::event, HistoryEntry::to)
			.containsExactly(tuple("created", TaskStatus.TODO));
		assertThat(this.tasks.history("T-E01-F01-002", 10))
			.extracting(HistoryEntry::event, HistoryEntry::from, HistoryEntry::to, HistoryEntry::agent)
			.containsExactly(tuple("imported", null, TaskStatus.IN_PROGRESS, "importer"));
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

		var result = this.imports.importFiles(List.of(file), false, "tester");

		assertThat(result.createdFeatures()).containsExactly("E07", "E07-F02");
		assertThat(this.epics.list()).extracting(Epic::key, Epic::title).contains(tuple("E07", "Mobile app"));
		assertThat(this.features.list("E07")).extracting(Feature::title).containsExactly("Sync engine");
	}

	@Test
	void everyMalformedDocumentIsReportedInOneRunAndNothingIsImported() throws Exception {
		Path good = document("T-E01-F01-001", "todo");
		Path badStatus = document("T-E01-F01-002", "started");
		Path badKey = Files.writeString(this.documents.resolve("T-E01-F01-003.md"),
				"---\ntask_key: T-E01-F01-3\nfeature: E01-F01\n---\n# T\n");
		String before = this.database.snapshot();

		assertThatExceptionOfType(DocumentsRefusedException.class)
			.isThrownBy(() -> this.imports.importFiles(List.of(good, badStatus, badKey), false, "tester"))
			.satisfies((ex) -> assertThat(ex.getProblems()).satisfiesExactly(
					(problem) -> assertThat(problem).startsWith(badStatus + ":3: unknown status 'started'"),
					(problem) -> assertThat(problem).startsWith(badKey + ":2: 'T-E01-F01-3' is not a task key")));
		assertThat(this.database.snapshot()).isEqualTo(before);
	}

	@Test
	void everyMissingDependencyIsReportedInOneRun() throws Exception {
		Path first = document("T-E01-F01-001", "todo", "T-E01-F01-098");
		Path second = document("T-E01-F01-002", "todo", "T-E01-F01-099");
		String before = this.database.snapshot();

		assertThatExceptionOfType(DocumentsRefusedException.class)
			.isThrownBy(() -> this.imports.importFiles(List.of(first, second), false, "tester"))
			.satisfies((ex) -> assertThat(ex.getProblems()).containsExactly(first
					+ ": task T-E01-F01-001 depends on T-E01-F01-098, which is neither in the database nor in this"
					+ " import",
					second + ": task T-E01-F01-002 depends on T-E01-F01-099, which is neither in the database nor in"
							+ " this import"));
		assertThat(this.database.snapshot()).isEqualTo(before);
	}

	@Test
	void aFeatureAsADependencyStandsForEveryTaskOfThatFeatureInTheDatabaseAndTheImport() throws Exception {
		this.features.add("E01-F02", "Sync", "E01", "tester");
		addTask("T-E01-F02-001");
		Path inImport = document("T-E01-F02-002", "todo");
		Path dependent = document("T-E01-F01-001", "todo", "e01-f02");

		this.imports.importFiles(List.of(dependent, inImport), false, "tester");

		assertThat(this.tasks.show("T-E01-F01-001").dependsOn()).extracting(TaskLink::key)
			.containsExactly("T-E01-F02-001", "T-E01-F02-002");
	}

	@Test
	void aFeatureWithoutTasksOrTheTasksOwnFeatureIsRefusedAsADependency() throws Exception {
		this.features.add("E01-F02", "Sync", "E01", "tester");
		Path empty = document("T-E01-F01-001", "todo", "E01-F02");
		Path own = document("T-E01-F01-002", "todo", "E01-F01");

		assertRefusedWithoutChange(() -> this.imports.importFiles(List.of(empty), false, "tester"),
				empty + ": task T-E01-F01-001 depends on feature E01-F02, which has no tasks in the database nor in "
						+ "this import");
		assertRefusedWithoutChange(() -> this.imports.importFiles(List.of(own), false, "tester"),
				own + ": task T-E01-F01-002 cannot depend on its own feature E01-F01");
	}

	@Test
	void aDirectoryIsImportedWithItsMarkdownFilesSkippingThoseThatAreNoTaskDocuments() throws Exception {
		Path folder = Files.createDirectories(this.documents.resolve("plan/E01-F01"));
		Files.writeString(folder.resolve("T-E01-F01-001.md"), """
				---
				task_key: T-E01-F01-001
				status: created
				feature: E01-F01
				---
				# First
				""");
		Files.writeString(folder.resolve("T-E01-F01-002.md"), """
				---
				task_key: t-e01-f01-002
				feature: E01-F01
				dependencies: [T-E01-F01-001.md]
				---
				# Second
				""");
		Path readme = Files.writeString(folder.resolve("README.md"), "# Local storage\n");
		Path overview = Files.writeString(folder.getParent().resolve("E01.md"), "---\nepic: E01\n---\n# Offline\n");
		Files.writeString(folder.resolve("notes.txt"), "not markdown");

		var result = this.imports.importFiles(List.of(this.documents.resolve("plan")), false, "tester");

		assertThat(result.created()).containsExactly("T-E01-F01-001", "T-E01-F01-002");
		assertThat(result.skipped()).containsExactly(readme.toString(), overview.toString());
		assertThat(this.tasks.show("T-E01-F01-001").status()).isEqualTo(TaskStatus.TODO);
		assertThat(this.tasks.show("T-E01-F01-002").dependsOn()).extracting(TaskLink::key)
			.containsExactly("T-E01-F01-001");
	}

}
