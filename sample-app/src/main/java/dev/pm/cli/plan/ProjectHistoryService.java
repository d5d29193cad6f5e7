package dev.pm.cli.plan;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The history of the whole project: what a reviewer reads to see what the agents did.
 */
@Service
public class ProjectHistoryService {

	private final HistoryRepository history;

	private final KnownFilters filters;

	ProjectHistoryService(HistoryRepository history, KnownFilters filters) {
		this.history = history;
		this.filters = filters;
	}

	/**
	 * Returns the rows a filter selects, oldest first.
	 * @param filter which rows
	 * @return the entries
	 * @throws PlanException if the filter names an epic that does not exist and never had
	 * a history row
	 */
	@Transactional(readOnly = true)
	public List<HistoryEntry> entries(HistoryFilter filter) {
		requireKnownEpic(filter.epic());
		return this.history.project(filter);
	}

	/**
	 * Returns the rows a filter selects with their ids, oldest first, in a short
	 * read-only transaction: a follower calls it again and again and holds nothing
	 * between the calls.
	 * @param filter which rows; its limit keeps the latest
	 * @param afterId only rows with a greater id, or {@code null} for any
	 * @return the rows, by id
	 * @throws PlanException if the filter names an epic that does not exist and never had
	 * a history row
	 */
	@Transactional(readOnly = true)
	public List<HistoryRow> rows(HistoryFilter filter, Long afterId) {
		requireKnownEpic(filter.epic());
		return this.history.projectRows(filter, afterId);
	}

	// A deleted epic's history stays readable by its key; a key that never was one is
	// refused, as a typo in a filter.
	private void requireKnownEpic(String epic) {
		if (epic == null || !this.history.hasRowsOf(epic)) {
			this.filters.require(new WorkFilter(null, epic, null));
		}
	}

}
