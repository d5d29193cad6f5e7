package dev.pm.cli.plan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.pm.cli.importing.TaskImportService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the service tests share: the services, an empty plan with epic E01 and feature
 * E01-F01 before each test, and the proof that a refusal changed nothing.
 */
abstract class PlanTests {

	@Autowired
	EpicService epics;

	@Autowired
	FeatureService features;

	@Autowired
	TaskService tasks;

	@Autowired
	TaskImportService imports;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path documents;

	PlanDatabase database;

	@BeforeEach
	void emptyPlanWithOneFeature() {
		this.database = new PlanDatabase(this.jdbc);
		this.database.empty();
		this.epics.add("E01", "Offline mode", "tester");
		this.features.add("E01-F01", "Local storage", "E01", "tester");
	}

	void assertRefusedWithoutChange(Runnable operation, String message) {
		String before = this.database.snapshot();
		assertThatExceptionOfType(PlanException.class).isThrownBy(operation::run).withMessageContaining(message);
		assertThat(this.database.snapshot()).isEqualTo(before);
	}

	void addTask(String key, String... dependsOn) {
		this.tasks.add(new NewTask(key, "Task " + key, KeyFormat.TASK.parentOf(key), List.of(dependsOn), null, null),
				"tester");
	}

	Task change(Transition transition, String key) {
		return this.tasks.change(transition, key, "tester", "notes");
	}

	/** Puts a task in any status, as an imported document may. */
	void taskIn(String key, TaskStatus status, String... dependsOn) throws Exception {
		this.imports.importFiles(List.of(document(key, status.toString(), dependsOn)), true, "tester");
	}

	Path document(String key, String status, String... dependsOn) throws Exception {
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
