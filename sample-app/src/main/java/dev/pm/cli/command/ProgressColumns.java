package dev.pm.cli.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.pm.cli.plan.Progress;

/**
 * The columns of task counts by status and progress that epic and feature tables share.
 */
final class ProgressColumns {

	private static final String[] HEADERS = { "TODO", "WIP", "BLOCKED", "REVIEW", "DONE", "ARCHIVED", "PROGRESS" };

	private ProgressColumns() {
	}

	static String[] headers(String... first) {
		List<String> headers = new ArrayList<>(Arrays.asList(first));
		headers.addAll(Arrays.asList(HEADERS));
		return headers.toArray(String[]::new);
	}

	static Object[] cells(Progress progress, Object... first) {
		List<Object> cells = new ArrayList<>(Arrays.asList(first));
		cells.addAll(List.of(progress.todo(), progress.inProgress(), progress.blocked(), progress.readyForReview(),
				progress.completed(), progress.archived(), TaskViews.progress(progress)));
		return cells.toArray();
	}

}
