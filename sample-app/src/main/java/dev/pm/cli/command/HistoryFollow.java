package dev.pm.cli.command;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

import dev.pm.cli.plan.HistoryEntry;
import dev.pm.cli.plan.HistoryFilter;
import dev.pm.cli.plan.HistoryRow;
import dev.pm.cli.plan.ProjectHistoryService;

/**
 * {@code pm history --follow}: the latest rows, then each new row as it is written, one
 * line each, until the command is interrupted or its reader goes away.
 * <p>
 * It polls, each time in a short read-only transaction of its own: between polls it holds
 * neither the database's connection nor a transaction, so no writer ever waits for it.
 * Rows are found by id, not by time (times have seconds only). On PostgreSQL ids are
 * taken when a row is inserted, not when it commits, so a row with a smaller id may
 * appear after a greater one: every poll looks {@value #LOOKBACK} ids back and prints
 * each row once.
 */
final class HistoryFollow {

	/** How long a follower waits between polls. */
	static final Duration POLL = Duration.ofMillis(500);

	static final long LOOKBACK = 1000;

	private final ProjectHistoryService history;

	private final HistoryFilter filter;

	private final PrintWriter out;

	private final boolean json;

	private final NavigableSet<Long> printed = new TreeSet<>();

	HistoryFollow(ProjectHistoryService history, HistoryFilter filter, PrintWriter out, boolean json) {
		this.history = history;
		this.filter = filter;
		this.out = out;
		this.json = json;
	}

	/**
	 * Prints until interrupted or the reader goes away.
	 * @throws OutputFailedException if the output fails otherwise (a full disk)
	 */
	void run() {
		print(this.history.rows(this.filter, null));
		HistoryFilter everyNewRow = new HistoryFilter(this.filter.since(), this.filter.agent(), this.filter.epic(),
				Integer.MAX_VALUE);
		while (!this.out.checkError()) {
			try {
				Thread.sleep(POLL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			Long after = this.printed.isEmpty() ? null : this.printed.last() - LOOKBACK;
			List<HistoryRow> rows;
			try {
				rows = this.history.rows(everyNewRow, after);
			}
			catch (RuntimeException ex) {
				// Interrupted while reading (waiting for the connection, say): that is
				// the end of following, not an error.
				if (Thread.currentThread().isInterrupted()) {
					return;
				}
				throw ex;
			}
			print(rows);
			if (after != null) {
				this.printed.headSet(after, true).clear();
			}
		}
		if (!CommandOutput.readerGone(this.out)) {
			throw new OutputFailedException();
		}
	}

	private void print(List<HistoryRow> rows) {
		for (HistoryRow row : rows) {
			if (this.printed.add(row.id())) {
				this.out.println(this.json ? JsonOutput.line(row.entry()) : line(row.entry()));
			}
		}
		this.out.flush();
	}

	private static String line(HistoryEntry entry) {
		return String.join("  ", entry.at(), entry.key(), entry.event(), text(entry.from()) + " -> " + text(entry.to()),
				text(entry.agent()), text(entry.notes()));
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : "-";
	}

}
