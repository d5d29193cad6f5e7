package dev.pm.cli.plan;

/**
 * A row of the history with its id, which orders the rows as they were written: what
 * {@code pm history --follow} goes by (times have seconds only).
 *
 * @param id the row's id
 * @param entry the row
 */
public record HistoryRow(long id, HistoryEntry entry) {
}
