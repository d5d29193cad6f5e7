package dev.pm.cli.plan;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How far the tasks of an epic or feature are, counted by the query that reads it, never
 * stored.
 *
 * @param todo tasks in {@code todo}
 * @param inProgress tasks in {@code in_progress}
 * @param blocked tasks in {@code blocked}
 * @param readyForReview tasks in {@code ready_for_review}
 * @param completed tasks in {@code completed}
 * @param archived tasks in {@code archived}
 * @param total every task but the archived ones
 * @param percent completed ÷ total as a whole percentage (rounded down), or {@code null}
 * without tasks
 */
public record Progress(int todo, int inProgress, int blocked, int readyForReview, int completed, int archived,
		int total, Integer percent) {

	/**
	 * The columns that count the statuses of the tasks {@code t} of a group, in the order
	 * {@link #read} reads them.
	 */
	static final String COLUMNS = """
			count(CASE WHEN t.status = 'todo' THEN 1 END), count(CASE WHEN t.status = 'in_progress' THEN 1 END),
			count(CASE WHEN t.status = 'blocked' THEN 1 END), count(CASE WHEN t.status = 'ready_for_review' THEN 1 END),
			count(CASE WHEN t.status = 'completed' THEN 1 END), count(CASE WHEN t.status = 'archived' THEN 1 END)""";

	/**
	 * Reads the {@link #COLUMNS}.
	 * @param rs the result set
	 * @param first the index of the first column
	 * @return the progress
	 * @throws SQLException if the columns cannot be read
	 */
	static Progress read(ResultSet rs, int first) throws SQLException {
		int todo = rs.getInt(first);
		int inProgress = rs.getInt(first + 1);
		int blocked = rs.getInt(first + 2);
		int readyForReview = rs.getInt(first + 3);
		int completed = rs.getInt(first + 4);
		int archived = rs.getInt(first + 5);
		int total = todo + inProgress + blocked + readyForReview + completed;
		return new Progress(todo, inProgress, blocked, readyForReview, completed, archived, total,
				(total > 0) ? completed * 100 / total : null);
	}

}
