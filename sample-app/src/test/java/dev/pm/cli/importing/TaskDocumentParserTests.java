package dev.pm.cli.importing;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.pm.cli.plan.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reading task documents, and the file and line of every problem.
 */
class TaskDocumentParserTests {

	private final TaskDocumentParser parser = new TaskDocumentParser();

	@TempDir
	Path directory;

	@Test
	void readsEveryFieldAndTheTitleWithoutItsPrpPrefix() throws Exception {
		TaskDocument document = this.parser.parse(write("""
				---
				task_key: T-E07-F02-003
				status: in_progress
				feature: /home/me/plan/E07-mobile/E07-F02-sync-engine
				created: 2025-01-15
				assigned_agent: backend-dev
				dependencies:
				  - T-E07-F02-001
				  - T-E07-F01-004
				estimated_time: 6 hours
				file_path: docs/tasks/T-E07-F02-003.md
				priority: 2
				agent_type: backend
				---

				Some text before the title.

				# PRP: Resolve conflicts on sync
				## Goal
				"""));

		assertThat(document.key()).isEqualTo("T-E07-F02-003");
		assertThat(document.title()).isEqualTo("Resolve conflicts on sync");
		assertThat(document.status()).isEqualTo(TaskStatus.IN_PROGRESS);
		assertThat(document.feature()).isEqualTo(new FeaturePath("E07-F02", "Sync engine", "E07", "Mobile"));
		assertThat(document.created()).isEqualTo("2025-01-15");
		assertThat(document.agent()).isEqualTo("backend-dev");
		assertThat(document.dependsOn()).containsExactly("T-E07-F02-001", "T-E07-F01-004");
		assertThat(document.estimate()).isEqualTo("6 hours");
		assertThat(document.filePath()).isEqualTo("docs/tasks/T-E07-F02-003.md");
		assertThat(document.priority()).isEqualTo(2);
		assertThat(document.agentType()).isEqualTo("backend");
	}

	@Test
	void optionalFieldsMayBeMissingOrEmpty() throws Exception {
		TaskDocument document = this.parser.parse(write("""
				---
				task_key: T-E07-F02-003
				feature: E07-F02
				assigned_agent:
				dependencies: []
				---
				# Resolve conflicts
				"""));

		assertThat(document.status()).isEqualTo(TaskStatus.TODO);
		assertThat(document.priority()).isEqualTo(5);
		assertThat(document.agent()).isNull();
		assertThat(document.dependsOn()).isEmpty();
		assertThat(document.feature()).isEqualTo(new FeaturePath("E07-F02", "E07-F02", "E07", "E07"));
	}

	@Test
	void aDocumentNamedAfterATaskWithoutFrontMatterIsAnErrorOnLineOne() throws Exception {
		assertError("T-E07-F02-003.md", "# Just a title\n", 1, "expected YAML front matter starting with '---'");
	}

	@Test
	void aFileWithoutFrontMatterNotNamedAfterATaskIsNoTaskDocument() throws Exception {
		Path readme = Files.writeString(this.directory.resolve("README.md"), "# The plan\n");

		assertThatExceptionOfType(NotATaskDocumentException.class).isThrownBy(() -> this.parser.parse(readme))
			.withMessage(readme + ":1: expected YAML front matter starting with '---'");
	}

	@Test
	void frontMatterWithoutTaskKeyNotNamedAfterATaskIsNoTaskDocument() throws Exception {
		Path epic = Files.writeString(this.directory.resolve("E07-mobile.md"), "---\nepic: E07\n---\n# Mobile\n");

		assertThatExceptionOfType(NotATaskDocumentException.class).isThrownBy(() -> this.parser.parse(epic))
			.withMessageContaining("missing required field 'task_key'");
	}

	@Test
	void statusCreatedIsTodo() throws Exception {
		TaskDocument document = this.parser
			.parse(write("---\ntask_key: T-E07-F02-003\nfeature: E07-F02\nstatus: created\n---\n# T\n"));

		assertThat(document.status()).isEqualTo(TaskStatus.TODO);
	}

	@Test
	void keysInLowerCaseAreReadInUpperCase() throws Exception {
		TaskDocument document = this.parser.parse(write("""
				---
				task_key: t-e07-f02-003
				feature: docs/plan/e07-mobile/e07-f02-sync-engine
				dependencies: [t-e07-f02-001, e07-f01]
				---
				# T
				"""));

		assertThat(document.key()).isEqualTo("T-E07-F02-003");
		assertThat(document.feature()).isEqualTo(new FeaturePath("E07-F02", "Sync engine", "E07", "Mobile"));
		assertThat(document.dependsOn()).containsExactly("T-E07-F02-001");
		assertThat(document.dependsOnFeatures()).containsExactly("E07-F01");
	}

	@Test
	void dependenciesMayNameTheFilesOfTasks() throws Exception {
		TaskDocument document = this.parser.parse(write("""
				---
				task_key: T-E07-F02-003
				feature: E07-F02
				dependencies:
				  - T-E07-F02-001.md
				  - ../E07-F01-login/T-E07-F01-004-store-the-token.md
				---
				# T
				"""));

		assertThat(document.dependsOn()).containsExactly("T-E07-F02-001", "T-E07-F01-004");
	}

	@Test
	void aDependencyOnAFeatureIsKeptApartFromTheTasks() throws Exception {
		TaskDocument document = this.parser
			.parse(write("---\ntask_key: T-E07-F02-003\nfeature: E07-F02\ndependencies: E07-F01\n---\n# T\n"));

		assertThat(document.dependsOn()).isEmpty();
		assertThat(document.dependsOnFeatures()).containsExactly("E07-F01");
	}

	@Test
	void frontMatterThatIsNotClosedIsAnError() throws Exception {
		assertError("---\ntask_key: T-E07-F02-003\n# Title\n", 1, "front matter is not closed");
	}

	@Test
	void malformedYamlIsAnErrorOnItsLine() throws Exception {
		assertError("---\ntask_key: T-E07-F02-003\nfeature: E07-F02\ndependencies: [T-E07-F02-001\n---\n# Title\n", 4,
				"expected ',' or ']'");
	}

	@Test
	void aMissingRequiredFieldIsNamed() throws Exception {
		assertError("T-E07-F02-003.md", "---\nfeature: E07-F02\n---\n# Title\n", 2,
				"missing required field 'task_key'");
		assertError("---\ntask_key: T-E07-F02-003\n---\n# Title\n", 2, "missing required field 'feature'");
	}

	@Test
	void aMalformedTaskKeyIsAnErrorOnItsLine() throws Exception {
		assertError("---\nfeature: E07-F02\ntask_key: T-7\n---\n# Title\n", 3, "'T-7' is not a task key");
	}

	@Test
	void anUnknownStatusIsAnErrorOnItsLine() throws Exception {
		assertError("---\ntask_key: T-E07-F02-003\nfeature: E07-F02\nstatus: done\n---\n# Title\n", 4,
				"unknown status 'done' (expected one of todo, in_progress, blocked, ready_for_review, completed, archived)");
	}

	@Test
	void everyStatusMayBeImported() throws Exception {
		for (TaskStatus status : TaskStatus.values()) {
			TaskDocument document = this.parser
				.parse(write("---\ntask_key: T-E07-F02-003\nfeature: E07-F02\nstatus: " + status + "\n---\n# T\n"));
			assertThat(document.status()).isEqualTo(status);
		}
	}

	@Test
	void anEmptyStatusIsAnErrorOnItsLine() throws Exception {
		assertError("---\ntask_key: T-E07-F02-003\nfeature: E07-F02\nstatus:\n---\n# Title\n", 4,
				"'status' must not be empty");
		assertError("---\ntask_key: T-E07-F02-003\nfeature: E07-F02\nstatus: ''\n---\n# Title\n", 4,
				"'status' must not be empty");
	}

	@Test
	void aFieldGivenTwiceIsAnErrorOnItsSecondLine() throws Exception {
		assertError("---\ntask_key: T-E07-F02-003\nfeature: E07-F02\ntask_key: T-E07-F02-004\n---\n# Title\n", 4,
				"'task_key' is given twice");
	}

	@ParameterizedTest
	@ValueSource(strings = { "2025-13-45", "yesterday", "2025-02-30", "2025-01-15T09:30" })
	void aCreatedThatIsNotADateIsAnErrorOnItsLine(String created) throws Exception {
		assertError("---\ntask_key: T-E07-F02-003\nfeature: E07-F02\ncreated: " + created + "\n---\n# Title\n", 4,
				"'" + created + "' is not a date (like 2025-01-15)");
	}

	@Test
	void aCreatedDateTimeIsKeptInUtc() throws Exception {
		TaskDocument document = this.parser.parse(write(
				"---\ntask_key: T-E07-F02-003\nfeature: E07-F02\ncreated: 2025-01-15T10:30:00+01:00\n---\n# T\n"));

		assertThat(document.created()).isEqualTo("2025-01-15T09:30:00Z");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "11", "high", "2.5" })
	void aPriorityOutsideOneToTenIsAnErrorOnItsLine(String priority) throws Exception {
		assertError("---\ntask_key: T-E07-F02-003\nfeature: E07-F02\npriority: " + priority + "\n---\n# Title\n", 4,
				"'priority' must be a whole number from 1 (highest) to 10");
	}

	@ParameterizedTest
	@ValueSource(strings = { "T-E02-F02-9", "T-E2-F02-001", "T-E02-F2-001" })
	void keysWithoutTheirZeroPaddingAreErrors(String key) throws Exception {
		assertError("---\ntask_key: " + key + "\nfeature: E02-F02\n---\n# Title\n", 2,
				"'" + key + "' is not a task key (like T-E04-F01-002)");
	}

	@Test
	void aFifoIsRefusedWithoutReadingIt() throws Exception {
		Path fifo = this.directory.resolve("fifo.md");
		new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();

		assertThatExceptionOfType(TaskDocumentException.class).isThrownBy(() -> this.parser.parse(fifo))
			.withMessage(fifo + ":1: not a regular file");
	}

	@Test
	void aDeviceIsRefusedWithoutReadingIt() {
		Path zero = Path.of("/dev/zero");

		assertThatExceptionOfType(TaskDocumentException.class).isThrownBy(() -> this.parser.parse(zero))
			.withMessage("/dev/zero:1: not a regular file");
	}

	@Test
	void aDocumentAboveOneMebibyteIsRefusedWithoutReadingIt() throws Exception {
		Path large = write("---\n" + "#".repeat((int) TaskDocumentParser.MAX_SIZE) + "\n");

		assertThatExceptionOfType(TaskDocumentException.class).isThrownBy(() -> this.parser.parse(large))
			.withMessageContaining(large + ":1: too large for a task document");
	}

	@Test
	void aDependencyThatIsNotATaskKeyIsAnErrorOnItsLine() throws Exception {
		assertError(
				"---\ntask_key: T-E07-F02-003\nfeature: E07-F02\ndependencies:\n  - T-E07-F02-001\n  - soon\n---\n# T\n",
				6, "'dependencies' must be a list of task keys");
	}

	@Test
	void aFeaturePathWithoutAFeatureKeyIsAnError() throws Exception {
		assertError("---\ntask_key: T-E07-F02-003\nfeature: plan/sync-engine\n---\n# Title\n", 3,
				"feature 'plan/sync-engine' must end with a folder named after a feature key");
	}

	@Test
	void aTaskKeyOfAnotherFeatureIsAnError() throws Exception {
		assertError("---\ntask_key: T-E07-F01-003\nfeature: plan/E07-F02-sync\n---\n# Title\n", 2,
				"task T-E07-F01-003 does not belong to feature E07-F02");
	}

	@Test
	void aDocumentWithoutTitleIsAnErrorAfterTheFrontMatter() throws Exception {
		assertError("---\ntask_key: T-E07-F02-003\nfeature: E07-F02\n---\n## Not a title\n", 5, "no title");
	}

	private void assertError(String content, int line, String problem) throws Exception {
		assertError("task.md", content, line, problem);
	}

	private void assertError(String name, String content, int line, String problem) throws Exception {
		Path file = Files.writeString(this.directory.resolve(name), content);
		assertThatExceptionOfType(TaskDocumentException.class).isThrownBy(() -> this.parser.parse(file))
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(line))
			.satisfies((ex) -> assertThat(ex.getFile()).isEqualTo(file))
			.withMessageStartingWith(file + ":" + line + ": ")
			.withMessageContaining(problem);
	}

	private Path write(String content) throws Exception {
		return Files.writeString(this.directory.resolve("task.md"), content);
	}

}
