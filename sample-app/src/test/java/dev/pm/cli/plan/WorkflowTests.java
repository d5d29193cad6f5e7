package dev.pm.cli.plan;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.dao.DataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The agents' workflow: the lifecycle, its history, finding and claiming work, lists and
 * progress, moving and deleting tasks.
 */
abstract class WorkflowTests extends AgentTeamTests {

	private static final String TASK = "T-E01-F01-001";

	static Stream<Arguments> everyTransitionFromEveryStatus() {
		return Stream.of(Transition.values())
			.flatMap((transition) -> Stream.of(TaskStatus.values()).map((from) -> Arguments.of(transition, from)));
	}

	@ParameterizedTest(name = "{0} from {1}")
	@MethodSource("everyTransitionFromEveryStatus")
	void eachTransitionLeavesOnlyTheStatusesOfTheTableAndIsRefusedFromTheOthers(Transition transition, TaskStatus from)
			throws Exception {
		taskIn(TASK, from);
		if (transition.allowsFrom(from)) {
			assertThat(change(transition, TASK).status()).isEqualTo(transition.to());
		}
		else {
			assertRefusedWithoutChange(() -> change(transition, TASK),
					"cannot " + transition.verb() + " " + TASK + ": it is " + from);
		}
	}

	@Test
	void theTransitionsAreThoseOfTheIssue() {
		assertThat(Stream.of(Transition.values()))
			.extracting(Transition::verb, (t) -> Stream.of(TaskStatus.values()).filter(t::allowsFrom).toList(),
					Transition::to)
			.containsExactly(tuple("start", List.of(TaskStatus.TODO), TaskStatus.IN_PROGRESS),
					tuple("claim", List.of(TaskStatus.TODO), TaskStatus.IN_PROGRESS),
					tuple("complete", List.of(TaskStatus.IN_PROGRESS), TaskStatus.READY_FOR_REVIEW),
					tuple("approve", List.of(TaskStatus.READY_FOR_REVIEW), TaskStatus.COMPLETED),
					tuple("reopen", List.of(TaskStatus.READY_FOR_REVIEW, TaskStatus.COMPLETED), TaskStatus.IN_PROGRESS),
					tuple("block", List.of(TaskStatus.TODO, TaskStatus.IN_PROGRESS), TaskStatus.BLOCKED),
					tuple("unblock", List.of(TaskStatus.BLOCKED), TaskStatus.TODO),
					tuple("archive", List.of(TaskStatus.COMPLETED), TaskStatus.ARCHIVED),
					tuple("done", List.of(TaskStatus.TODO, TaskStatus.IN_PROGRESS), TaskStatus.COMPLETED));
	}

	@Test
	void approvalIsRefusedWhileADependencyIsNotCompleted() throws Exception {
		taskIn("T-E01-F01-001", TaskStatus.READY_FOR_REVIEW);
		taskIn("T-E01-F01-002", TaskStatus.READY_FOR_REVIEW, "T-E01-F01-001");

		assertRefusedWithoutChange(() -> change(Transition.APPROVE, "T-E01-F01-002"),
				"task T-E01-F01-002 cannot be completed: it depends on T-E01-F01-001, not completed yet");
	}

	@Test
	void anArchivedDependencyCountsAsCompleted() throws Exception {
		taskIn("T-E01-F01-001", TaskStatus.ARCHIVED);
		taskIn("T-E01-F01-002", TaskStatus.READY_FOR_REVIEW, "T-E01-F01-001");

		assertThat(change(Transition.APPROVE, "T-E01-F01-002").status()).isEqualTo(TaskStatus.COMPLETED);
	}

	@Test
	void reopeningADependencyIsRefusedWhileATaskThatDependsOnItIsCompleted() throws Exception {
		taskIn("T-E01-F01-001", TaskStatus.COMPLETED);
		taskIn("T-E01-F01-002", TaskStatus.COMPLETED, "T-E01-F01-001");

		assertRefusedWithoutChange(() -> change(Transition.REOPEN, "T-E01-F01-001"),
				"cannot reopen T-E01-F01-001: T-E01-F01-002 (completed) depends on it; reopen it first");
	}

	@Test
	void reopeningTheDependentFirstThenTheDependencyIsAllowed() throws Exception {
		taskIn("T-E01-F01-001", TaskStatus.COMPLETED);
		taskIn("T-E01-F01-002", TaskStatus.COMPLETED, "T-E01-F01-001");

		change(Transition.REOPEN, "T-E01-F01-002");

		assertThat(change(Transition.REOPEN, "T-E01-F01-001").status()).isEqualTo(TaskStatus.IN_PROGRESS);
	}

	@Test
	void blockingNeedsAReasonWhichListAndShowCarryAndUnblockClears() throws Exception {
		addTask(TASK);

		assertRefusedWithoutChange(() -> this.tasks.change(Transition.BLOCK, TASK, "ann", " "),
				"cannot block " + TASK + " without saying why");
		this.tasks.change(Transition.BLOCK, TASK, "ann", "waiting for the API keys");
		assertThat(this.tasks.show(TASK).blockedReason()).isEqualTo("waiting for the API keys");
		assertThat(this.tasks.list(TaskFilter.everyTask())).extracting(Task::blockedReason)
			.containsExactly("waiting for the API keys");
		assertThat(change(Transition.UNBLOCK, TASK).blockedReason()).isNull();
	}

	@Test
	void startAssignsTheAgentAndRecordsWhenAndEveryChangeWritesHistoryInOrder() {
		addTask(TASK);

		Task started = this.tasks.change(Transition.START, TASK, "agent-7", null);
		this.tasks.change(Transition.COMPLETE, TASK, "agent-7", "done, tests pass");
		this.tasks.change(Transition.REOPEN, TASK, "reviewer", "handle the empty case");

		assertThat(started.agent()).isEqualTo("agent-7");
		assertThat(this.tasks.show(TASK).agent()).as("reopened for rework by its reviewer").isEqualTo("agent-7");
		assertThat(started.startedAt()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
		assertThat(this.tasks.history(TASK, 100))
			.extracting(HistoryEntry::event, HistoryEntry::from, HistoryEntry::to, HistoryEntry::agent,
					HistoryEntry::notes)
			.containsExactly(tuple("created", null, TaskStatus.TODO, "tester", null),
					tuple("started", TaskStatus.TODO, TaskStatus.IN_PROGRESS, "agent-7", null),
					tuple("completed", TaskStatus.IN_PROGRESS, TaskStatus.READY_FOR_REVIEW, "agent-7",
							"done, tests pass"),
					tuple("reopened", TaskStatus.READY_FOR_REVIEW, TaskStatus.IN_PROGRESS, "reviewer",
							"handle the empty case"));
	}

	@Test
	void theHistoryIsAppendOnly() {
		addTask(TASK);

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.sql("UPDATE task_history SET notes = 'rewritten'").update())
			.withMessageContaining("task_history is append-only");
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.sql("DELETE FROM task_history").update())
			.withMessageContaining("task_history is append-only");
	}

	@Test
	void nextIsTheHighestPriorityThenTheOldestThenTheSmallestKey() throws Exception {
		addTask("T-E01-F01-001", 5, null);
		addTask("T-E01-F01-002", 2, null);
		addTask("T-E01-F01-003", 2, null);
		this.jdbc.sql("UPDATE task SET created = '2020-01-01' WHERE key = 'T-E01-F01-003'").update();

		assertThat(this.tasks.next(WorkFilter.anyTask()).task().key()).isEqualTo("T-E01-F01-003");
		this.jdbc
			.sql("UPDATE task SET created = (SELECT created FROM task WHERE key = 'T-E01-F01-002')"
					+ " WHERE key = 'T-E01-F01-003'")
			.update();
		assertThat(this.tasks.next(WorkFilter.anyTask()).task().key()).isEqualTo("T-E01-F01-002");
	}

	@Test
	void nextSkipsTasksWaitingOnDependenciesAndSaysHowManyWaitAndOnWhat() throws Exception {
		taskIn("T-E01-F01-001", TaskStatus.IN_PROGRESS);
		taskIn("T-E01-F01-002", TaskStatus.TODO, "T-E01-F01-001");
		taskIn("T-E01-F01-003", TaskStatus.TODO, "T-E01-F01-001", "T-E01-F01-002");

		Availability next = this.tasks.next(WorkFilter.anyTask());

		assertThat(next.task()).isNull();
		assertThat(next.reason()).isEqualTo("no task is available: 2 todo tasks wait on dependencies not completed: "
				+ "T-E01-F01-002 waits on T-E01-F01-001 (in_progress); "
				+ "T-E01-F01-003 waits on T-E01-F01-001 (in_progress), T-E01-F01-002 (todo)");
	}

	@Test
	void nextWithNothingToDoSaysSo() {
		assertThat(this.tasks.next(WorkFilter.anyTask())).isEqualTo(new Availability(null, "no task is available"));
	}

	@Test
	void nextFiltersByAgentTypeEpicAndFeature() {
		this.epics.add("E02", "Sharing", "tester");
		this.features.add("E02-F01", "Links", "E02", "tester");
		addTask("T-E01-F01-001", 1, "frontend");
		addTask("T-E02-F01-001", 9, "backend");

		assertThat(this.tasks.next(new WorkFilter("backend", null, null)).task().key()).isEqualTo("T-E02-F01-001");
		assertThat(this.tasks.next(new WorkFilter(null, "E02", null)).task().key()).isEqualTo("T-E02-F01-001");
		assertThat(this.tasks.next(new WorkFilter(null, null, "E02-F01")).task().key()).isEqualTo("T-E02-F01-001");
		assertThat(this.tasks.next(new WorkFilter("backend", "E01", null)).task()).isNull();
	}

	@Test
	void claimStartsTheNextTaskForTheAgentWithAClaimedHistoryRow() {
		addTask("T-E01-F01-001");
		addTask("T-E01-F01-002", 1, null);

		Task claimed = this.tasks.claim(WorkFilter.anyTask(), "agent-3").task();

		assertThat(claimed.key()).isEqualTo("T-E01-F01-002");
		assertThat(claimed.status()).isEqualTo(TaskStatus.IN_PROGRESS);
		assertThat(claimed.agent()).isEqualTo("agent-3");
		assertThat(this.tasks.history("T-E01-F01-002", 1)).extracting(HistoryEntry::event, HistoryEntry::agent)
			.containsExactly(tuple("claimed", "agent-3"));
		assertThat(this.tasks.claim(WorkFilter.anyTask(), "agent-4").task().key()).isEqualTo("T-E01-F01-001");
	}

	@Test
	void claimWithNothingAvailableChangesNothing() {
		addTask("T-E01-F01-001");
		change(Transition.START, "T-E01-F01-001");
		String before = this.database.snapshot();

		assertThat(this.tasks.claim(WorkFilter.anyTask(), "agent-3").reason()).isEqualTo("no task is available");
		assertThat(this.database.snapshot()).isEqualTo(before);
	}

	@Test
	void listHidesArchivedTasksUnlessAskedFor() throws Exception {
		taskIn("T-E01-F01-001", TaskStatus.ARCHIVED);
		addTask("T-E01-F01-002");

		assertThat(keys(TaskFilter.everyTask())).containsExactly("T-E01-F01-002");
		assertThat(keys(filter(Set.of(), true, TaskSort.KEY))).containsExactly("T-E01-F01-001", "T-E01-F01-002");
		assertThat(keys(filter(Set.of(TaskStatus.ARCHIVED), false, TaskSort.KEY))).containsExactly("T-E01-F01-001");
	}

	@Test
	void listFiltersByStatusesAgentAgentTypePriorityAndBlocked() throws Exception {
		taskIn("T-E01-F01-001", TaskStatus.IN_PROGRESS);
		taskIn("T-E01-F01-002", TaskStatus.TODO, "T-E01-F01-001");
		taskIn("T-E01-F01-003", TaskStatus.BLOCKED);
		addTask("T-E01-F01-004", 1, "backend");
		this.tasks.change(Transition.START, "T-E01-F01-004", "ann", null);

		assertThat(keys(filter(EnumSet.of(TaskStatus.BLOCKED, TaskStatus.TODO), false, TaskSort.KEY)))
			.containsExactly("T-E01-F01-002", "T-E01-F01-003");
		assertThat(keys(TaskFilter.everyTask().withAgent("ann"))).containsExactly("T-E01-F01-004");
		assertThat(keys(TaskFilter.everyTask().withAgentType("backend"))).containsExactly("T-E01-F01-004");
		assertThat(keys(TaskFilter.everyTask().withPriorityMax(4))).containsExactly("T-E01-F01-004");
		assertThat(keys(TaskFilter.everyTask().onlyBlocked())).containsExactly("T-E01-F01-002", "T-E01-F01-003");
		assertThat(keys(filter(Set.of(), false, TaskSort.PRIORITY)).get(0)).isEqualTo("T-E01-F01-004");
		assertThat(keys(filter(Set.of(), false, TaskSort.STATUS))).containsExactly("T-E01-F01-002", "T-E01-F01-001",
				"T-E01-F01-004", "T-E01-F01-003");
	}

	@Test
	void epicsAndFeaturesCountTheirTasksByStatusWithProgressOverAllButArchived() throws Exception {
		taskIn("T-E01-F01-001", TaskStatus.COMPLETED);
		taskIn("T-E01-F01-002", TaskStatus.ARCHIVED);
		taskIn("T-E01-F01-003", TaskStatus.TODO);
		taskIn("T-E01-F01-004", TaskStatus.READY_FOR_REVIEW);
		this.epics.add("E02", "Empty", "tester");

		Progress expected = new Progress(1, 0, 0, 1, 1, 1, 3, 33);
		assertThat(this.epics.list()).extracting(Epic::key, Epic::features, Epic::progress)
			.containsExactly(tuple("E01", 1, expected), tuple("E02", 0, new Progress(0, 0, 0, 0, 0, 0, 0, null)));
		assertThat(this.features.list(null)).extracting(Feature::progress).containsExactly(expected);
		assertThat(this.epics.show("E01").tasks()).hasSize(4);
	}

	@Test
	void aPriorityOutOfRangeIsRefused() {
		assertRefusedWithoutChange(() -> addTask("T-E01-F01-001", 11, null),
				"priority 11 is out of range: 1 (highest) to 10");
	}

	@Test
	void aTaskOthersDependOnCannotBeDeleted() {
		addTask("T-E01-F01-001");
		addTask("T-E01-F01-002", "T-E01-F01-001");

		assertRefusedWithoutChange(() -> this.tasks.delete("T-E01-F01-001", "tester"),
				"cannot delete T-E01-F01-001: T-E01-F01-002 depends on it");
	}

	@Test
	void deletingATaskKeepsItsHistoryAndRemovesItsOwnDependencies() {
		addTask("T-E01-F01-001");
		addTask("T-E01-F01-002", "T-E01-F01-001");

		this.tasks.delete("T-E01-F01-002", "tester");

		assertThat(this.database.count("task_dependency")).isZero();
		// Earlier tests left history of other tasks with this key: this task's id is the
		// latest.
		assertThat(this.jdbc.sql("""
				SELECT event FROM task_history WHERE task_id =
				    (SELECT max(task_id) FROM task_history WHERE task_key = 'T-E01-F01-002') ORDER BY id""")
			.query(String.class)
			.list()).containsExactly("created", "deleted");
	}

	@Test
	void movingATaskGivesItTheKeyOfItsNewFeatureAndItsDependenciesAndHistoryFollow() {
		this.features.add("E01-F02", "Sync", "E01", "tester");
		addTask("T-E01-F01-001");
		addTask("T-E01-F01-002", "T-E01-F01-001");
		addTask("T-E01-F01-003", "T-E01-F01-002");

		Task moved = this.tasks.move("T-E01-F01-002", "E01-F02", null, "tester");

		assertThat(moved.key()).isEqualTo("T-E01-F02-002");
		assertThat(moved.feature()).isEqualTo("E01-F02");
		assertThat(moved.dependsOn()).extracting(TaskLink::key).containsExactly("T-E01-F01-001");
		assertThat(moved.requiredBy()).extracting(TaskLink::key).containsExactly("T-E01-F01-003");
		assertThat(this.tasks.history("T-E01-F02-002", 10)).extracting(HistoryEntry::event, HistoryEntry::notes)
			.containsExactly(tuple("created", null), tuple("moved", "from T-E01-F01-002"));
	}

	@Test
	void movingOntoATakenKeyIsRefused() {
		this.features.add("E01-F02", "Sync", "E01", "tester");
		addTask("T-E01-F01-001");
		addTask("T-E01-F02-001");

		assertRefusedWithoutChange(() -> this.tasks.move("T-E01-F01-001", "E01-F02", null, "tester"),
				"cannot move T-E01-F01-001 to T-E01-F02-001: task T-E01-F02-001 already exists");
	}

	@Test
	void anEpicWithFeaturesCannotBeDeletedAndAnEmptyOneCan() {
		this.epics.add("E02", "Empty", "tester");

		assertRefusedWithoutChange(() -> this.epics.delete("E01", "tester"),
				"epic E01 still has 1 feature; delete it first");
		this.epics.delete("E02", "tester");
		assertThat(this.epics.list()).extracting(Epic::key).containsExactly("E01");
	}

	private void addTask(String key, int priority, String agentType) {
		this.tasks.add(new NewTask(key, "Task " + key, KeyFormat.TASK.parentOf(key), List.of(), null, null, priority,
				agentType), "tester");
	}

	private List<String> keys(TaskFilter filter) {
		return this.tasks.list(filter).stream().map(Task::key).toList();
	}

	private static TaskFilter filter(Set<TaskStatus> statuses, boolean all, TaskSort sort) {
		return TaskFilter.everyTask().withStatuses(statuses).includingArchived(all).sortedBy(sort);
	}

}
