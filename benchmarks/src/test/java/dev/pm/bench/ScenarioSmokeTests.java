package dev.pm.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs every scenario once with tiny sizes, so the benchmarks cannot rot: each scenario
 * verifies that its rows were really written, and these tests check that every series and
 * ratio came out as a number and that the starter failed no transaction. The numbers
 * themselves mean nothing at these sizes.
 *
 * @author pm-db
 */
class ScenarioSmokeTests {

	@TempDir
	static Path directory;

	private static Workspace workspace;

	@BeforeAll
	static void createWorkspace() throws Exception {
		workspace = Workspace.createIn(directory);
	}

	@AfterAll
	static void removeWorkspace() throws Exception {
		workspace.close();
	}

	@Test
	void writeTransactionsMeasureStarterAndRawWithBothSynchronousModes() throws Exception {
		ScenarioResult result = new WriteTransactions().run(workspace, Sizes.smoke());
		assertThat(result.series()).extracting(Series::variant)
			.containsExactly("starter, synchronous=normal", WriteTransactions.UNCACHED + ", synchronous=normal",
					WriteTransactions.PLAIN_SPRING + ", synchronous=normal", "raw sqlite-jdbc, synchronous=normal",
					"starter, synchronous=full", WriteTransactions.UNCACHED + ", synchronous=full",
					WriteTransactions.PLAIN_SPRING + ", synchronous=full", "raw sqlite-jdbc, synchronous=full");
		assertMeasured(result);
		assertThat(result.checks()).hasSize(6).first().satisfies((check) -> assertThat(check.hasTarget()).isTrue());
	}

	@Test
	void planWorkRunsPmCommandsInTheProcess() throws Exception {
		// The reactor builds sample-app before this module; alone, this module cannot run
		// pm.
		Path sampleApp = Path.of("../sample-app/target");
		assumeTrue(Files.isRegularFile(sampleApp.resolve("pm-app/pm.jar")), "sample-app is not built");
		ScenarioResult result = new PlanWork(sampleApp).run(workspace, Sizes.smoke());
		assertThat(result.series()).extracting(Series::variant)
			.containsExactly("task list (every task, table)", "task list --json (every task)",
					"task list --feature E05-F05 --status todo", "task next", "task claim",
					"epic list (progress by status)");
		assertMeasured(result);
	}

	@Test
	void teamClaimsEveryTaskOnceOnSqliteAndOnPostgresqlWithoutAFailedCommand() throws Exception {
		Path sampleApp = Path.of("../sample-app/target");
		assumeTrue(Files.isRegularFile(sampleApp.resolve("pm-app/pm.jar")), "sample-app is not built");
		ScenarioResult result = new TeamClaims(sampleApp).run(workspace, Sizes.smoke());
		assertThat(result.series()).hasSize(2).allSatisfy((series) -> assertThat(series.failures()).isZero());
		assertMeasured(result);
	}

	@Test
	void pointReadsCompareStarterWithPlainSpringAndRaw() throws Exception {
		ScenarioResult result = new PointReads().run(workspace, Sizes.smoke());
		assertThat(result.series()).hasSize(4);
		assertMeasured(result);
	}

	@Test
	void batchInsertCompareStarterWithRaw() throws Exception {
		ScenarioResult result = new BatchInsert().run(workspace, Sizes.smoke());
		assertThat(result.series()).hasSize(2);
		assertMeasured(result);
	}

	@Test
	void concurrencyFailsNoTransactionThroughTheStarterAndCountsThePoolsFailures() throws Exception {
		ScenarioResult result = new Concurrency().run(workspace, Sizes.smoke());
		assertThat(result.series("starter, 8 threads").failures()).isZero();
		assertThat(result.series("HikariCP pool of 10, 8 threads").failures()).isNotNegative();
		assertMeasured(result);
		assertThat(result.checks()).filteredOn((check) -> check.label().contains("failed transactions, starter"))
			.singleElement()
			.satisfies((check) -> assertThat(check.met()).isTrue());
	}

	@Test
	void writesBesideAReadMeasureEachSetupWithAndWithoutTheRead() throws Exception {
		ScenarioResult result = new WritesBesideRead().run(workspace, Sizes.smoke());
		assertThat(result.series()).hasSize(5);
		assertThat(result.notes()).hasSize(5).allSatisfy((note) -> assertThat(note).contains("p99"));
		assertMeasured(result);
	}

	@Test
	void parallelPointReadsFailNoTransactionOnAnyNumberOfThreads() throws Exception {
		ScenarioResult result = new ParallelPointReads().run(workspace, Sizes.smoke());
		assertThat(result.series()).hasSize(ParallelPointReads.VARIANTS * ParallelPointReads.THREADS.length)
			.allSatisfy((series) -> assertThat(series.failures()).isZero());
		assertMeasured(result);
	}

	@Test
	void mixedReadsAndWritesFailNoTransactionThroughTheStarterAndReportWriteLatencies() throws Exception {
		ScenarioResult result = new MixedReadWrite().run(workspace, Sizes.smoke());
		assertThat(result.series()).hasSize(6);
		assertThat(result.series("starter, 8 threads").failures()).isZero();
		assertMeasured(result);
	}

	@Test
	void walBoundSamplesTheLogThroughAMixedRunAndChecksItAgainstTheLimit() throws Exception {
		ScenarioResult result = new WalBound().run(workspace, Sizes.smoke());
		assertThat(result.series()).singleElement().satisfies((series) -> assertThat(series.values()).hasSize(10));
		assertThat(result.checks()).singleElement().satisfies((check) -> assertThat(check.median()).isFinite());
	}

	@Test
	void startupTimesTheInitializerInChildJvms() throws Exception {
		ScenarioResult result = new InitializerStartup().run(workspace, Sizes.smoke());
		assertThat(result.series()).hasSize(12);
		assertMeasured(result);
	}

	@Test
	void backupWhileWritingTimesTheWriterAndTheBackup() throws Exception {
		ScenarioResult result = new BackupWhileWriting().run(workspace, Sizes.smoke());
		assertThat(result.series()).hasSize(3);
		assertMeasured(result);
	}

	@Test
	void pragmaDefaultsMeasureReadsAndWritesWithEachVariantAgainstSqlitesDefaults() throws Exception {
		ScenarioResult result = new PragmaDefaults().run(workspace, Sizes.smoke());
		assertThat(result.series()).hasSize(8).allSatisfy((series) -> assertThat(series.failures()).isZero());
		assertThat(result.checks()).hasSize(6);
		assertMeasured(result);
	}

	@Test
	void replicationMeasuresWritesOnAndOffTheLagAndTheRestore() throws Exception {
		ScenarioResult result = new ReplicationCost().run(workspace, Sizes.smoke());
		assertThat(result.series()).hasSize(7);
		assertThat(result.checks()).singleElement().satisfies((check) -> assertThat(check.hasTarget()).isTrue());
		assertMeasured(result);
	}

	@Test
	void planWorkIsSkippedWithANoteWhenTheSampleAppIsNotBuilt() throws Exception {
		ScenarioResult result = new PlanWork(directory.resolve("no-sample-app")).run(workspace, Sizes.smoke());
		assertThat(result.series()).isEmpty();
		assertThat(result.notes()).singleElement().asString().startsWith("skipped: ").contains("pm-app is missing");
	}

	@Test
	void processStartupIsSkippedWithANoteWhenTheSampleAppIsNotBuilt() throws Exception {
		ScenarioResult result = new ProcessStartup(directory.resolve("no-sample-app")).run(workspace, Sizes.smoke());
		assertThat(result.series()).isEmpty();
		assertThat(result.notes()).singleElement().asString().startsWith("skipped: ").contains("pm.jar is missing");
	}

	@Test
	void serverWallTimeIsSkippedWithANoteWithoutTodaysLauncher() throws Exception {
		ScenarioResult result = new PmServerWallTime(directory.resolve("no-sample-app"), null, null).run(workspace,
				Sizes.smoke());
		assertThat(result.series()).isEmpty();
		assertThat(result.notes()).singleElement().asString().startsWith("skipped: ").contains("-Dpm.baseline.target");
	}

	@Test
	void agentsBesideAStalledClientFailNoCommand() throws Exception {
		Path sampleApp = Path.of("../sample-app/target");
		assumeTrue(Files.isRegularFile(sampleApp.resolve("pm-app/pm-client.jar")), "sample-app is not built");
		ScenarioResult result = new StalledClient(sampleApp).run(workspace, Sizes.smoke());
		assertThat(result.series()).hasSize(2).allSatisfy((series) -> assertThat(series.failures()).isZero());
		assertMeasured(result);
	}

	private static void assertMeasured(ScenarioResult result) {
		assertThat(result.series()).allSatisfy((series) -> {
			assertThat(series.values()).isNotEmpty();
			assertThat(Arrays.stream(series.values())).allSatisfy((value) -> assertThat(value).isPositive().isFinite());
		});
		assertThat(result.checks()).isNotEmpty()
			.allSatisfy((check) -> assertThat(check.median()).isNotNaN().isGreaterThanOrEqualTo(0));
	}

}
