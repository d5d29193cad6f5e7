package dev.pm.cli.plan;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.pm.cli.importing.ImportResult;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What a team of agents on one plan needs: editing tasks, epics and features, claims that
 * expire, and the agent loop's rules. The subclasses of {@link PlanRulesTests} run these
 * on an in-memory database, a file and PostgreSQL.
 */
abstract class AgentTeamTests extends PlanTests {

	private static final String ONE = "T-E01-F01-001";

	private static final String TWO = "T-E01-F01-002";

	private static final String THREE = "T-E01-F01-003";

	@Autowired
	TaskUpdateService updates;

	@Autowired
	ClaimService claims;

	@Autowired
	ProjectHistoryService history;

	@Test
	void anUpdateChangesEachFieldGivenAndWritesOneHistoryRowSayingWhatChanged() {
		addTask(ONE);

		Task updated = this.updates.update(ONE, new TaskUpdate("Choose a file format", 2, "backend", "zed", "2 hours",
				"# Formats\n\nCompare JSON and CBOR.\n", List.of(), List.of()), "lead");

		assertThat(updated)
			.extracting(Task::title, Task::priority, Task::agentType, Task::agent, Task::estimate, Task::description,
					Task::status)
			.containsExactly("Choose a file format", 2, "backend", "zed", "2 hours",
					"# Formats\n\nCompare JSON and CBOR.", TaskStatus.TODO);
		assertThat(this.tasks.history(ONE, 1)).extracting(HistoryEntry::event, HistoryEntry::agent, HistoryEntry::notes)
			.containsExactly(tuple("updated", "lead",
					"title: Task T-E01-F01-001 -> Choose a file format; priority: 5 -> 2; agent type: none -> backend; "
							+ "agent: none -> zed; estimate: none -> 2 hours; description changed"));
	}

	@Test
	void anUpdateKeepsWhatIsNotGivenAndAnEmptyValueRemovesIt() {
		addTask(ONE);
		this.updates.update(ONE, new TaskUpdate(null, null, "backend", null, "1 hour", "text", List.of(), List.of()),
				"lead");

		Task updated = this.updates.update(ONE, new TaskUpdate(null, null, null, null, "", " ", List.of(), List.of()),
				"lead");

		assertThat(updated).extracting(Task::title, Task::agentType, Task::estimate, Task::description)
			.containsExactly("Task T-E01-F01-001", "backend", null, null);
		assertThat(this.tasks.history(ONE, 1)).extracting(HistoryEntry::notes)
			.containsExactly("estimate: 1 hour -> none; description removed");
	}

	@Test
	void anUpdateAddsAndRemovesDependenciesAndRefusesACycleChangingNothing() {
		addTask(ONE);
		addTask(TWO, ONE);
		addTask(THREE);

		Task updated = this.updates.update(TWO, dependencies(List.of(THREE), List.of(ONE)), "lead");

		assertThat(updated.dependsOn()).extracting(TaskLink::key).containsExactly(THREE);
		assertThat(this.tasks.history(TWO, 1)).extracting(HistoryEntry::notes)
			.containsExactly("depends on T-E01-F01-003; no longer depends on T-E01-F01-001");
		assertRefusedWithoutChange(() -> this.updates.update(THREE, dependencies(List.of(TWO), List.of()), "lead"),
				"dependency cycle refused: T-E01-F01-003 -> T-E01-F01-002 -> T-E01-F01-003");
		assertRefusedWithoutChange(() -> this.updates.update(TWO, dependencies(List.of(), List.of(ONE)), "lead"),
				"task T-E01-F01-002 does not depend on T-E01-F01-001");
		assertRefusedWithoutChange(
				() -> this.updates.update(TWO, dependencies(List.of("T-E01-F01-404"), List.of()), "lead"),
				"task T-E01-F01-002 depends on T-E01-F01-404, which does not exist");
	}

	@Test
	void aCompletedTaskCannotGainADependencyThatIsNotCompleted() {
		addTask(ONE);
		addTask(TWO);
		change(Transition.DONE, TWO);

		assertRefusedWithoutChange(() -> this.updates.update(TWO, dependencies(List.of(ONE), List.of()), "lead"),
				"task T-E01-F01-002 cannot be completed: it depends on T-E01-F01-001, not completed yet");
	}

	@Test
	void anUpdateThatChangesNothingOrOfAMissingTaskIsRefused() {
		addTask(ONE);

		assertRefusedWithoutChange(() -> this.updates.update(ONE, dependencies(List.of(), List.of()), "lead"),
				"nothing to update for T-E01-F01-001");
		assertRefusedWithoutChange(() -> this.updates.update(ONE,
				new TaskUpdate("Task T-E01-F01-001", null, null, null, null, null, List.of(), List.of()), "lead"),
				"nothing changed: T-E01-F01-001 already is as given");
		assertRefusedWithoutChange(
				() -> this.updates.update(TWO,
						new TaskUpdate("New", null, null, null, null, null, List.of(), List.of()), "lead"),
				"task T-E01-F01-002 does not exist");
		assertRefusedWithoutChange(() -> this.updates.update(ONE,
				new TaskUpdate(" ", null, null, null, null, null, List.of(), List.of()), "lead"), "needs a title");
	}

	@Test
	void epicsAndFeaturesChangeTheirTitleAndDescriptionAndTheProjectHistorySaysWhat() {
		this.epics.update("E01", "Offline first", "## Why\nTrains.", "lead");
		this.features.update("E01-F01", null, "Files on disk", "ann");
		this.features.update("E01-F01", null, "", "ann");
		this.epics.add("E010", "Later", "tester");
		this.epics.update("E010", "Much later", null, "lead");

		assertThat(this.epics.show("E01").epic()).extracting(Epic::title, Epic::description)
			.containsExactly("Offline first", "## Why\nTrains.");
		assertThat(this.features.show("E01-F01").feature()).extracting(Feature::title, Feature::description)
			.containsExactly("Local storage", null);
		assertThat(this.history.entries(new HistoryFilter(null, null, "E01", 3)))
			.extracting(HistoryEntry::key, HistoryEntry::event, HistoryEntry::from, HistoryEntry::to,
					HistoryEntry::agent, HistoryEntry::notes)
			.containsExactly(
					tuple("E01", "updated", null, null, "lead",
							"title: Offline mode -> Offline first; description changed"),
					tuple("E01-F01", "updated", null, null, "ann", "description changed"),
					tuple("E01-F01", "updated", null, null, "ann", "description removed"));
		assertRefusedWithoutChange(() -> this.epics.update("E09", "Title", null, "lead"), "epic E09 does not exist");
		assertRefusedWithoutChange(() -> this.features.update("E01-F09", "Title", null, "lead"),
				"feature E01-F09 does not exist");
		assertRefusedWithoutChange(() -> this.epics.update("E01", "Offline first", null, "lead"),
				"nothing changed: E01 already is as given");
	}

	@Test
	void addingAndDeletingEpicsAndFeaturesWritesTheirHistoryAndARefusedOneWritesNone() {
		this.epics.add("E02", "Sharing", "lead");
		this.features.add("E02-F01", "Links", "E02", "lead");
		assertRefusedWithoutChange(() -> this.epics.delete("E02", "ann"), "epic E02 still has 1 feature");
		this.features.delete("E02-F01", "ann");
		this.epics.delete("E02", "ann");

		assertThat(this.history.entries(new HistoryFilter(null, null, "E02", 10)))
			.extracting(HistoryEntry::key, HistoryEntry::event, HistoryEntry::agent)
			.containsExactly(tuple("E02", "created", "lead"), tuple("E02-F01", "created", "lead"),
					tuple("E02-F01", "deleted", "ann"), tuple("E02", "deleted", "ann"));
	}

	@Test
	void anImportedTaskKeepsTheDocumentsBodyAsItsDescription() throws Exception {
		taskIn(ONE, TaskStatus.TODO);

		assertThat(this.tasks.show(ONE).description()).isEqualTo("# PRP: Task " + ONE);
	}

	@Test
	void anExpiredClaimReturnsTheTaskToTodoWithAHistoryRowAndTheNextClaimTakesIt() {
		addTask(ONE);
		Task claimed = this.tasks.claim(WorkFilter.anyTask(), "ann", Duration.ofMinutes(30)).task();
		assertThat(claimed.leaseExpiresAt()).isGreaterThan(claimed.startedAt());
		assertThat(this.tasks.claim(WorkFilter.anyTask(), "bob").task()).as("held while the lease lasts").isNull();

		leaseRanOut(ONE);
		Task reclaimed = this.tasks.claim(WorkFilter.anyTask(), "bob").task();

		assertThat(reclaimed).extracting(Task::key, Task::agent, Task::leaseExpiresAt)
			.containsExactly(ONE, "bob", null);
		assertThat(this.tasks.history(ONE, 2)).extracting(HistoryEntry::event, HistoryEntry::to, HistoryEntry::agent)
			.containsExactly(tuple("expired", TaskStatus.TODO, null), tuple("claimed", TaskStatus.IN_PROGRESS, "bob"));
		assertThat(this.tasks.history(ONE, 2).get(0).notes()).startsWith("claim of ann expired at ");
	}

	@Test
	void aClaimWithoutALeaseNeverExpires() {
		addTask(ONE);
		this.tasks.claim(WorkFilter.anyTask(), "ann", null);

		assertThat(this.tasks.show(ONE).leaseExpiresAt()).isNull();
		assertThat(this.claims.heartbeat(ONE, "ann").status()).isEqualTo(TaskStatus.IN_PROGRESS);
	}

	@Test
	void aHeartbeatOrAnUpdateByTheAgentRenewsTheLeaseAndAnotherAgentsHeartbeatIsRefused() {
		addTask(ONE);
		this.tasks.claim(WorkFilter.anyTask(), "ann", Duration.ofMinutes(30));
		leaseExpiresAt(ONE, "2999-01-01T00:00:00Z");

		String renewed = this.claims.heartbeat(ONE, "ann").leaseExpiresAt();
		leaseExpiresAt(ONE, "2999-01-01T00:00:00Z");
		this.updates.update(ONE, new TaskUpdate(null, null, null, null, "1 hour", null, List.of(), List.of()), "ann");

		assertThat(renewed).isLessThan("2999-01-01T00:00:00Z");
		assertThat(this.tasks.show(ONE).leaseExpiresAt()).isLessThan("2999-01-01T00:00:00Z");
		assertRefusedWithoutChange(() -> this.claims.heartbeat(ONE, "bob"),
				"task T-E01-F01-001 is not claimed by bob: it is in_progress, assigned to ann");
	}

	@Test
	void aHeartbeatAfterTheLeaseRanOutIsRefusedAndTheNextClaimTakesTheTask() {
		addTask(ONE);
		this.tasks.claim(WorkFilter.anyTask(), "ann", Duration.ofMinutes(30));
		leaseRanOut(ONE);

		assertThat(catchThrowable(() -> this.claims.heartbeat(ONE, "ann"))).isInstanceOf(PlanException.class)
			.hasMessage("task T-E01-F01-001 is not claimed by ann: it is todo, assigned to nobody");
		assertThat(this.tasks.claim(WorkFilter.anyTask(), "bob").task()).extracting(Task::key, Task::agent)
			.containsExactly(ONE, "bob");
	}

	@Test
	void releasePutsAClaimedTaskBackToTodoForTheNextClaim() {
		addTask(ONE);
		this.tasks.claim(WorkFilter.anyTask(), "ann", Duration.ofMinutes(30));

		Task released = this.claims.release(ONE, "lead");

		assertThat(released).extracting(Task::status, Task::agent, Task::leaseExpiresAt)
			.containsExactly(TaskStatus.TODO, null, null);
		assertThat(this.tasks.history(ONE, 1)).extracting(HistoryEntry::event, HistoryEntry::agent, HistoryEntry::notes)
			.containsExactly(tuple("released", "lead", "claim of ann"));
		assertThat(this.tasks.claim(WorkFilter.anyTask(), "bob").task().key()).isEqualTo(ONE);
		assertRefusedWithoutChange(() -> this.claims.release(TWO, "lead"), "task T-E01-F01-002 does not exist");
		change(Transition.COMPLETE, ONE);
		assertRefusedWithoutChange(() -> this.claims.release(ONE, "lead"),
				"cannot release T-E01-F01-001: it is ready_for_review");
	}

	@Test
	void leavingInProgressEndsTheLease() {
		addTask(ONE);
		this.tasks.claim(WorkFilter.anyTask(), "ann", Duration.ofMinutes(30));

		assertThat(change(Transition.COMPLETE, ONE).leaseExpiresAt()).isNull();
	}

	@Test
	void claimReturnsTheAgentsOwnReopenedWorkFirstThenMovesOn() {
		addTask(ONE);
		addTask(TWO);
		this.tasks.change(Transition.START, TWO, "ann", null);
		this.tasks.change(Transition.COMPLETE, TWO, "ann", "done");
		this.tasks.change(Transition.REOPEN, TWO, "reviewer", "handle the empty case");

		assertThat(this.tasks.claim(WorkFilter.anyTask(), "bob").task().key()).isEqualTo(ONE);
		addTask(THREE);
		Task reopened = this.tasks.claim(WorkFilter.anyTask(), "ann").task();

		assertThat(reopened).extracting(Task::key, Task::status, Task::agent)
			.containsExactly(TWO, TaskStatus.IN_PROGRESS, "ann");
		assertThat(this.tasks.history(TWO, 1)).extracting(HistoryEntry::event, HistoryEntry::notes)
			.containsExactly(tuple("claimed", "reopened work"));
		assertThat(this.tasks.claim(WorkFilter.anyTask(), "ann").task().key()).as("then new work").isEqualTo(THREE);
	}

	@Test
	void aTaskAssignedToAnAgentIsClaimedOnlyByThatAgent() {
		this.tasks.add(new NewTask(ONE, "For zed", "E01-F01", List.of(), "zed", null, 1, null), "lead");
		addTask(TWO);

		assertThat(this.tasks.claim(WorkFilter.anyTask(), "other").task().key()).isEqualTo(TWO);
		assertThat(this.tasks.claim(WorkFilter.anyTask(), "other").task()).isNull();
		assertThat(this.tasks.claim(WorkFilter.anyTask(), "zed").task().key()).isEqualTo(ONE);
	}

	@Test
	void aFilterOnAnEpicOrFeatureThatDoesNotExistIsRefused() {
		addTask(ONE);

		assertRefusedWithoutChange(() -> this.tasks.claim(new WorkFilter(null, "E09", null), "ann"),
				"epic E09 does not exist");
		assertRefusedWithoutChange(() -> this.tasks.next(new WorkFilter(null, null, "E01-F09")),
				"feature E01-F09 does not exist");
	}

	@Test
	void startIsRefusedWhileADependencyIsNotCompletedAsClaimIs() {
		addTask(ONE);
		addTask(TWO, ONE);

		assertRefusedWithoutChange(() -> change(Transition.START, TWO),
				"cannot start T-E01-F01-002: it depends on T-E01-F01-001, not completed yet");
	}

	@Test
	void theReasonNoTaskIsAvailableListsEveryWaitingTaskItCounts() {
		addTask(ONE);
		addTask(TWO, ONE);
		addTask(THREE, ONE);
		change(Transition.START, ONE);

		assertThat(this.tasks.claim(WorkFilter.anyTask(), "ann").reason())
			.isEqualTo("no task is available: 2 todo tasks wait on dependencies not completed: "
					+ "T-E01-F01-002 waits on T-E01-F01-001 (in_progress); "
					+ "T-E01-F01-003 waits on T-E01-F01-001 (in_progress)");
	}

	@Test
	void reimportingUnchangedDocumentsReportsThemUnchangedAndWritesNoHistory() throws Exception {
		Path first = document(ONE, "todo");
		Path second = document(TWO, "todo", ONE);
		this.imports.importFiles(List.of(first, second), false, "tester");
		String before = this.database.snapshot();

		ImportResult again = this.imports.importFiles(List.of(second, first), false, "tester");

		assertThat(again.unchanged()).containsExactly(TWO, ONE);
		assertThat(again.created()).isEmpty();
		assertThat(again.updated()).isEmpty();
		assertThat(again.keptStatus()).isEmpty();
		assertThat(this.database.snapshot()).isEqualTo(before);
	}

	private static TaskUpdate dependencies(List<String> add, List<String> remove) {
		return new TaskUpdate(null, null, null, null, null, null, add, remove);
	}

	private void leaseRanOut(String key) {
		leaseExpiresAt(key, "2000-01-01T00:00:00Z");
	}

	private void leaseExpiresAt(String key, String at) {
		this.jdbc.sql("UPDATE task SET lease_expires_at = ? WHERE key = ?").params(at, key).update();
	}

}
