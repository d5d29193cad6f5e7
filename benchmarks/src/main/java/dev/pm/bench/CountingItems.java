package dev.pm.bench;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the rows a setup's transactions inserted, so a scenario can prove afterwards
 * that the table holds exactly those rows: nothing lost, no failed transaction
 * half-applied.
 *
 * @author pm-db
 */
final class CountingItems {

	private final Items items;

	private final long initialRows;

	private final LongAdder inserted = new LongAdder();

	CountingItems(Items items) {
		this.items = items;
		this.initialRows = items.count();
	}

	Items items() {
		return this.items;
	}

	void insert(long n) {
		this.items.insert(n);
		this.inserted.increment();
	}

	void insertBatch(int rows) {
		this.items.insertBatch(rows);
		this.inserted.add(rows);
	}

	void findThenInsert(long id) {
		this.items.findThenInsert(id);
		this.inserted.increment();
	}

	/**
	 * Fail unless the table grew by exactly the rows inserted.
	 * @param setup the setup's name, for the message
	 */
	void verify(String setup) {
		long expected = this.initialRows + this.inserted.sum();
		long actual = this.items.count();
		if (actual != expected || this.inserted.sum() == 0) {
			throw new IllegalStateException(
					setup + ": expected " + expected + " rows (" + this.inserted.sum() + " inserted), found " + actual);
		}
	}

}
