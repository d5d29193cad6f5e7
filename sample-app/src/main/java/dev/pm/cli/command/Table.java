package dev.pm.cli.command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table for people: left-aligned columns two spaces apart, {@code -} for
 * empty cells.
 */
final class Table {

	private static final String EMPTY = "-";

	private final List<String[]> rows = new ArrayList<>();

	private final boolean hasHeader;

	private Table(boolean hasHeader) {
		this.hasHeader = hasHeader;
	}

	/**
	 * Starts a table with a header row.
	 * @param headers the column headers
	 * @return the table
	 */
	static Table withHeaders(String... headers) {
		return new Table(true).row((Object[]) headers);
	}

	/**
	 * Starts a table of names and values, without headers.
	 * @return the table
	 */
	static Table ofProperties() {
		return new Table(false);
	}

	Table row(Object... cells) {
		this.rows.add(Arrays.stream(cells)
			.map((cell) -> (cell == null || cell.toString().isEmpty()) ? EMPTY : TerminalText.cell(cell.toString()))
			.toArray(String[]::new));
		return this;
	}

	/**
	 * Prints the table; a table without rows beyond its header prints {@code empty}
	 * instead.
	 * @param out where to print
	 * @param empty the line for a table without rows, such as {@code No tasks.}
	 */
	void print(PrintWriter out, String empty) {
		if (this.rows.size() == (this.hasHeader ? 1 : 0)) {
			out.println(empty);
			return;
		}
		int columns = this.rows.stream().mapToInt((row) -> row.length).max().orElse(0);
		int[] widths = new int[columns];
		for (String[] row : this.rows) {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		for (String[] row : this.rows) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < row.length; i++) {
				line.append(row[i]);
				if (i < row.length - 1) {
					line.append(" ".repeat(widths[i] - row[i].length() + 2));
				}
			}
			out.println(line.toString().stripTrailing());
		}
	}

	/** A list of keys in one cell; an empty list shows as an empty cell. */
	static String list(List<String> items) {
		return String.join(", ", items);
	}

}
