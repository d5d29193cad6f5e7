package dev.pm.cli.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.pm.cli.TestDatabase;
import dev.pm.cli.command.InProcessPm.Run;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands a team of agents added to pm, on SQLite and PostgreSQL:
 * {@code task update}, {@code epic update}, {@code feature update},
 * {@code task claim --lease}, {@code task heartbeat} and {@code task release}.
 */
class TeamCommandsTests {

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void taskUpdateChangesTheTaskAndItsHistorySaysWhat(TestDatabase database) throws Exception {
		Path description = Files.writeString(this.directory.resolve("description.md"), "# Plan\n\n- JSON\n- CBOR\n");
		try (InProcessPm pm = plan(database)) {
			Run update = pm.run("task", "update", "T-E01-F01-002", "--title", "Write the file", "--priority", "2",
					"--description-file", description.toString(), "--remove-dependency", "T-E01-F01-001");
			JsonNode task = pm.json("task", "show", "T-E01-F01-002", "--json");

			assertThat(update.exitCode()).as(update.err()).isZero();
			assertThat(update.out()).isEqualTo("Updated task T-E01-F01-002.\n");
			assertThat(task.get("title").asString()).isEqualTo("Write the file");
			assertThat(task.get("priority").asInt()).isEqualTo(2);
			assertThat(task.get("description").asString()).isEqualTo("# Plan\n\n- JSON\n- CBOR");
			assertThat(task.get("dependsOn").size()).isZero();
			JsonNode last = task.get("history").get(task.get("history").size() - 1);
			assertThat(last.get("event").asString()).isEqualTo("updated");
			assertThat(last.get("notes").asString()).isEqualTo(
					"title: Write it -> Write the file; priority: 5 -> 2; description changed; no longer depends on "
							+ "T-E01-F01-001");
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aRefusedUpdateIsOneLineAndChangesNothing(TestDatabase database) {
		try (InProcessPm pm = plan(database)) {
			String before = pm.run("task", "show", "T-E01-F01-001", "--json").out();

			Run cycle = pm.run("task", "update", "T-E01-F01-001", "--add-dependency", "T-E01-F01-002");
			Run missingFile = pm.run("task", "update", "T-E01-F01-001", "--description-file", "missing.md");
			Run both = pm.run("task", "update", "T-E01-F01-001", "--description", "x", "--description-file", "x.md");

			assertThat(cycle.exitCode()).isEqualTo(1);
			assertThat(cycle.err())
				.isEqualTo("pm: dependency cycle refused: T-E01-F01-001 -> T-E01-F01-002 -> T-E01-F01-001\n");
			assertThat(missingFile.exitCode()).isEqualTo(1);
			assertThat(missingFile.err()).startsWith("pm: cannot read ")
				.contains("missing.md: no such file")
				.hasLineCount(1);
			assertThat(both.exitCode()).isEqualTo(2);
			assertThat(both.err()).contains("mutually exclusive").hasLineCount(1);
			assertThat(pm.run("task", "show", "T-E01-F01-001", "--json").out()).isEqualTo(before);
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void epicAndFeatureUpdateChangeTitleAndDescriptionAndTheHistorySaysWhat(TestDatabase database) {
		try (InProcessPm pm = plan(database, Map.of("PM_AGENT", "lead"))) {
			Run epic = pm.run("epic", "update", "E01", "--title", "Offline first", "--description", "Trains.");
			Run feature = pm.run("feature", "update", "E01-F01", "--description", "Files.");
			Run missing = pm.run("feature", "update", "E01-F09", "--title", "Nothing");

			assertThat(epic.out()).isEqualTo("Updated epic E01.\n");
			assertThat(feature.out()).isEqualTo("Updated feature E01-F01.\n");
			assertThat(pm.json("epic", "show", "E01", "--json").get("description").asString()).isEqualTo("Trains.");
			assertThat(pm.json("epic", "show", "E01", "--json").get("title").asString()).isEqualTo("Offline first");
			assertThat(pm.run("feature", "show", "E01-F01").out()).contains("\nFiles.\n");
			assertThat(missing.exitCode()).isEqualTo(1);
			assertThat(missing.err()).isEqualTo("pm: feature E01-F09 does not exist\n");
			JsonNode history = pm.json("history", "--epic", "E01", "--limit", "2", "--json").get("results");
			assertThat(history.get(0).get("key").asString()).isEqualTo("E01");
			assertThat(history.get(0).get("event").asString()).isEqualTo("updated");
			assertThat(history.get(0).get("agent").asString()).isEqualTo("lead");
			assertThat(history.get(0).get("notes").asString())
				.isEqualTo("title: Offline mode -> Offline first; description changed");
			assertThat(history.get(1).get("key").asString()).isEqualTo("E01-F01");
			assertThat(history.get(1).get("notes").asString()).isEqualTo("description changed");
			assertThat(pm.run("history", "--epic", "E01").out())
				.containsPattern("E01-F01 +updated +- +- +lead +description changed");
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aClaimTakesItsLeaseFromTheFlagElsePmClaimLeaseAndHeartbeatAndReleaseWork(TestDatabase database) {
		try (InProcessPm pm = plan(database, Map.of("PM_CLAIM_LEASE", "30m"))) {
			pm.run("task", "add", "T-E01-F01-003", "Test it", "--feature", "E01-F01");
			JsonNode claimed = pm.json("task", "claim", "--agent", "ann", "--json").get("result");
			JsonNode forever = pm.json("task", "claim", "--agent", "bob", "--lease", "none", "--json").get("result");
			Run heartbeat = pm.run("task", "heartbeat", "T-E01-F01-001", "--agent", "ann");
			Run stranger = pm.run("task", "heartbeat", "T-E01-F01-001", "--agent", "bob");
			Run release = pm.run("task", "release", "T-E01-F01-001");

			assertThat(claimed.get("key").asString()).isEqualTo("T-E01-F01-001");
			assertThat(claimed.get("leaseExpiresAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")
				.isGreaterThan(claimed.get("startedAt").asString());
			assertThat(forever.get("leaseExpiresAt").isNull()).isTrue();
			assertThat(heartbeat.out()).startsWith("Task T-E01-F01-001 is claimed by ann until ");
			assertThat(stranger.exitCode()).isEqualTo(1);
			assertThat(stranger.err())
				.isEqualTo("pm: task T-E01-F01-001 is not claimed by bob: it is in_progress, assigned to ann\n");
			assertThat(release.out()).isEqualTo("Task T-E01-F01-001 is todo.\n");
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aMalformedLeaseNamesTheOptionOrTheVariable(TestDatabase database) {
		try (InProcessPm pm = plan(database, Map.of("PM_CLAIM_LEASE", "soon"))) {
			Run variable = pm.run("task", "claim", "--agent", "ann");
			Run option = pm.run("task", "claim", "--agent", "ann", "--lease", "30 minutes");

			assertThat(variable.exitCode()).isEqualTo(1);
			assertThat(variable.err()).isEqualTo("pm: PM_CLAIM_LEASE='soon' is not a lease: a whole number with s, m, "
					+ "h or d (such as 30m), or none\n");
			assertThat(option.exitCode()).isEqualTo(2);
			assertThat(option.err()).contains("--lease", "'30 minutes' is not a lease").hasLineCount(1);
			assertThat(pm.json("task", "show", "T-E01-F01-001", "--json").get("status").asString()).isEqualTo("todo");
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void anUnknownEpicOrFeatureFilterIsRefusedNotReportedAsNoWork(TestDatabase database) {
		try (InProcessPm pm = plan(database)) {
			Run claim = pm.run("task", "claim", "--agent", "ann", "--epic", "E09");
			Run next = pm.run("task", "next", "--feature", "E01-F09");

			assertThat(claim.exitCode()).isEqualTo(1);
			assertThat(claim.err()).isEqualTo("pm: epic E09 does not exist\n");
			assertThat(next.exitCode()).isEqualTo(1);
			assertThat(next.err()).isEqualTo("pm: feature E01-F09 does not exist\n");
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void anEpicOrFeatureUpdateThatChangesNothingIsRefusedAsATaskUpdateIs(TestDatabase database) {
		try (InProcessPm pm = plan(database)) {
			Run epic = pm.run("epic", "update", "E01");
			Run feature = pm.run("feature", "update", "E01-F01", "--title", "Local storage");

			assertThat(epic.exitCode()).isEqualTo(1);
			assertThat(epic.err()).isEqualTo("pm: nothing changed: E01 already is as given\n");
			assertThat(feature.exitCode()).isEqualTo(1);
			assertThat(feature.err()).isEqualTo("pm: nothing changed: E01-F01 already is as given\n");
			assertThat(pm.run("epic", "update", "E01", "--title", "Offline").out()).isEqualTo("Updated epic E01.\n");
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void nextShowsTheTaskThatTheAgentsClaimWouldTake(TestDatabase database) {
		try (InProcessPm pm = plan(database)) {
			pm.run("task", "add", "T-E01-F01-003", "Only for zed", "--feature", "E01-F01", "--agent", "zed",
					"--priority", "1");
			Run forOther = pm.run("task", "next", "--agent", "other");
			Run forZed = pm.run("task", "next", "--agent", "zed", "--json");
			pm.run("task", "start", "T-E01-F01-001", "--agent", "ann");
			pm.run("task", "complete", "T-E01-F01-001");
			pm.run("task", "reopen", "T-E01-F01-001", "--notes", "Again");
			Run forAnn = pm.run("task", "next", "--agent", "ann");
			Run claimedByAnn = pm.run("task", "claim", "--agent", "ann");

			assertThat(forOther.exitCode()).as(forOther.err()).isZero();
			assertThat(forOther.out()).startsWith("Next: T-E01-F01-001 ");
			assertThat(forZed.out()).contains("\"key\" : \"T-E01-F01-003\"");
			assertThat(forAnn.out()).startsWith("Next: T-E01-F01-001 ");
			assertThat(claimedByAnn.out()).startsWith("Claimed T-E01-F01-001 ");
			assertThat(pm.run("task", "next", "--agent", "ann").out()).startsWith("no task is available");
			assertThat(pm.run("task", "next", "--agent", "zed").out()).startsWith("Next: T-E01-F01-003 ");
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void noTaskAvailableSaysWhichTasksAreLeftForOtherAgents(TestDatabase database) {
		try (InProcessPm pm = plan(database)) {
			pm.run("task", "add", "T-E01-F01-003", "Only for zed", "--feature", "E01-F01", "--agent", "zed");
			pm.run("task", "start", "T-E01-F01-001", "--agent", "ann");
			Run claim = pm.run("task", "claim", "--agent", "other");
			Run next = pm.run("task", "next", "--agent", "other", "--json");

			assertThat(claim.exitCode()).as(claim.err()).isZero();
			String reason = "no task is available: 1 todo task waits on dependencies not completed: T-E01-F01-002 "
					+ "waits on T-E01-F01-001 (in_progress); 1 todo task is assigned to another agent: "
					+ "T-E01-F01-003 (zed)";
			assertThat(claim.out()).isEqualTo(reason + "\n");
			assertThat(next.out()).contains("\"reason\" : \"" + reason + "\"");
			assertThat(pm.run("task", "claim", "--agent", "zed").out()).startsWith("Claimed T-E01-F01-003 ");
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void listingByAnUnknownEpicOrFeatureIsRefusedNotReportedAsEmpty(TestDatabase database) {
		try (InProcessPm pm = plan(database)) {
			Run tasksOfEpic = pm.run("task", "list", "--epic", "E09");
			Run tasksOfFeature = pm.run("task", "list", "--feature", "E01-F09", "--json");
			Run features = pm.run("feature", "list", "--epic", "E09");

			assertThat(tasksOfEpic.exitCode()).isEqualTo(1);
			assertThat(tasksOfEpic.err()).isEqualTo("pm: epic E09 does not exist\n");
			assertThat(tasksOfFeature.exitCode()).isEqualTo(1);
			assertThat(tasksOfFeature.err()).isEqualTo("pm: feature E01-F09 does not exist\n");
			assertThat(features.exitCode()).isEqualTo(1);
			assertThat(features.err()).isEqualTo("pm: epic E09 does not exist\n");
			assertThat(pm.run("task", "list", "--epic", "E01").out()).contains("T-E01-F01-001");
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void historyShowsTheWholeProjectNewestLastFilteredByAgentEpicAndTime(TestDatabase database) {
		try (InProcessPm pm = plan(database)) {
			pm.run("epic", "add", "E02", "Sharing");
			pm.run("feature", "add", "E02-F01", "Links", "--epic", "E02");
			pm.run("task", "add", "T-E02-F01-001", "Design links", "--feature", "E02-F01");
			pm.run("task", "start", "T-E01-F01-001", "--agent", "ann");
			pm.run("task", "start", "T-E02-F01-001", "--agent", "bob");

			JsonNode all = pm.json("history", "--json");
			JsonNode ann = pm.json("history", "--agent", "ann", "--json");
			JsonNode e02 = pm.json("history", "--epic", "E02", "--json");
			JsonNode future = pm.json("history", "--since", "2999-01-01", "--json");
			JsonNode latest = pm.json("history", "--limit", "1", "--json");
			Run table = pm.run("history", "--since", "1h");
			Run unknown = pm.run("history", "--epic", "E09");
			Run badTime = pm.run("history", "--since", "yesterday");

			// Each add (two epics, two features, three tasks) and two starts.
			assertThat(all.get("count").asInt()).isEqualTo(9);
			assertThat(all.get("results").get(0).get("key").asString()).isEqualTo("E01");
			assertThat(all.get("results").get(0).get("event").asString()).isEqualTo("created");
			assertThat(all.get("results").get(8).get("key").asString()).isEqualTo("T-E02-F01-001");
			assertThat(all.get("results").get(8).get("event").asString()).isEqualTo("started");
			assertThat(ann.get("count").asInt()).isEqualTo(1);
			assertThat(ann.get("results").get(0).get("key").asString()).isEqualTo("T-E01-F01-001");
			assertThat(e02.get("count").asInt()).isEqualTo(4);
			assertThat(future.get("count").asInt()).isZero();
			assertThat(latest.get("results").get(0).get("agent").asString()).isEqualTo("bob");
			assertThat(table.out()).startsWith("AT  ").contains("T-E02-F01-001  started");
			assertThat(unknown.err()).isEqualTo("pm: epic E09 does not exist\n");
			assertThat(badTime.exitCode()).isEqualTo(2);
			assertThat(badTime.err()).contains("'yesterday' is not a time").hasLineCount(1);
		}
	}

	private InProcessPm plan(TestDatabase database) {
		return plan(database, Map.of());
	}

	/** E01 / E01-F01 with T-001 and T-002, which depends on T-001. */
	private InProcessPm plan(TestDatabase database, Map<String, String> environment) {
		InProcessPm pm = InProcessPm.on(database, this.directory, environment);
		pm.run("epic", "add", "E01", "Offline mode");
		pm.run("feature", "add", "E01-F01", "Local storage", "--epic", "E01");
		pm.run("task", "add", "T-E01-F01-001", "Choose a format", "--feature", "E01-F01");
		pm.run("task", "add", "T-E01-F01-002", "Write it", "--feature", "E01-F01", "--depends-on", "T-E01-F01-001");
		return pm;
	}

}
