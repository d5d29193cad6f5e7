package dev.pm.cli.plan;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hot queries use the indexes: SQLite's {@code EXPLAIN QUERY PLAN} for each, as the
 * repositories build them. Only the table a query walks may be scanned; every lookup of
 * dependencies, features and tasks per row is a search by key or index, and no query
 * sorts its rows (a task's few dependencies are sorted for {@code group_concat}, which is
 * cheap). The plans depend on the schema, not on the data, so an in-memory database
 * serves.
 */
@SpringBootTest(properties = "pm.db.path=:memory:")
class QueryPlanTests {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void nextWalksTheQueueIndexInItsOrderWithoutSorting() {
		List<String> plan = plan(TaskRepository.nextQuery(WorkFilter.anyTask()));

		assertThat(plan).anyMatch((step) -> step.startsWith("SEARCH t USING INDEX task_queue (status=?)"))
			.noneMatch((step) -> step.contains("TEMP B-TREE FOR ORDER BY"));
		assertSearchesOnly(plan, "t");
	}

	@Test
	void nextWithFiltersStillWalksTheQueueIndex() {
		List<String> plan = plan(TaskRepository.nextQuery(new WorkFilter("backend", "E01", "E01-F01")));

		assertThat(plan).anyMatch((step) -> step.startsWith("SEARCH t USING INDEX task_queue (status=?)"))
			.noneMatch((step) -> step.contains("TEMP B-TREE FOR ORDER BY"));
		assertSearchesOnly(plan, "t");
	}

	@Test
	void listingEveryTaskWalksTheKeyIndexAndLooksUpDependenciesByKey() {
		List<String> plan = plan(TaskRepository.listQuery(TaskFilter.everyTask()));

		assertThat(plan).anyMatch((step) -> step.startsWith("SCAN t USING INDEX sqlite_autoindex_task_1"))
			.anyMatch((step) -> step
				.startsWith("SEARCH d USING COVERING INDEX sqlite_autoindex_task_dependency_1 (task_key=?)"))
			.anyMatch((step) -> step.startsWith("SEARCH r USING INDEX task_dependency_depends_on (depends_on_key=?)"))
			.noneMatch((step) -> step.contains("TEMP B-TREE FOR ORDER BY"));
		assertSearchesOnly(plan, "t");
	}

	@Test
	void listingByStatusOrFeatureSearchesTheirIndexes() {
		List<String> byStatus = plan(
				TaskRepository.listQuery(TaskFilter.everyTask().withStatuses(Set.of(TaskStatus.TODO))));
		List<String> byFeature = plan(
				TaskRepository.listQuery(TaskFilter.ofFeature("E01-F01").includingArchived(false)));

		assertThat(byStatus).anyMatch((step) -> step.startsWith("SEARCH t USING INDEX task_queue (status=?)"));
		assertSearchesOnly(byStatus, "");
		assertThat(byFeature).anyMatch((step) -> step.startsWith("SEARCH t USING INDEX task_feature (feature_key=?)"));
		assertSearchesOnly(byFeature, "");
	}

	@Test
	void epicProgressWalksEpicsAndCountsTasksFromTheIndexAlone() {
		List<String> plan = this.jdbc.sql("EXPLAIN QUERY PLAN " + EpicRepository.selectSql(""))
			.query((rs, row) -> rs.getString("detail"))
			.list();

		assertThat(plan).anyMatch((step) -> step.startsWith("SEARCH f USING"))
			.anyMatch((step) -> step.startsWith("SEARCH t USING COVERING INDEX task_feature (feature_key=?)"))
			.noneMatch((step) -> step.contains("TEMP B-TREE"));
		assertSearchesOnly(plan, "e");
	}

	private List<String> plan(TaskRepository.Query query) {
		return this.jdbc.sql("EXPLAIN QUERY PLAN " + query.sql())
			.params(query.params())
			.query((rs, row) -> rs.getString("detail"))
			.list();
	}

	/**
	 * Only {@code walked} may be scanned ({@code ""}: none); every other table is
	 * searched.
	 */
	private static void assertSearchesOnly(List<String> plan, String walked) {
		assertThat(plan).as(String.join("\n", plan))
			.filteredOn((step) -> step.startsWith("SCAN "))
			.allMatch((step) -> !walked.isEmpty() && step.startsWith("SCAN " + walked + " "));
	}

}
