package dev.pm.db.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The read-only connections beside the writer. A thread gets the one it holds already (a
 * connection taken from the data source inside its read-only transaction), else the first
 * free one, else it waits in line for one of them, taken in turn, so that waiters spread
 * over the readers.
 *
 * @author pm-db
 */
final class ReaderConnections {

	private final List<ReaderConnection> readers;

	// Which reader the next thread that finds none free waits for.
	private final AtomicInteger next = new AtomicInteger();

	private ReaderConnections(List<ReaderConnection> readers) {
		this.readers = readers;
	}

	/**
	 * Return no readers: read-only transactions use the writer.
	 */
	static ReaderConnections none() {
		return new ReaderConnections(List.of());
	}

	static ReaderConnections of(int count, SqliteDriver driver, PragmaApplier pragmaApplier, int statementCacheSize) {
		List<ReaderConnection> readers = new ArrayList<>(count);
		for (int number = 1; number <= count; number++) {
			readers.add(new ReaderConnection(number, driver, pragmaApplier, statementCacheSize));
		}
		return new ReaderConnections(List.copyOf(readers));
	}

	int count() {
		return this.readers.size();
	}

	/**
	 * Lease a reader to the current thread: the one it holds, a free one, or the next one
	 * to become free in turn.
	 */
	Connection lease() throws SQLException {
		for (ReaderConnection reader : this.readers) {
			if (reader.lease().isHeldByCurrentThread()) {
				return reader.awaitLease();
			}
		}
		for (ReaderConnection reader : this.readers) {
			Connection free = reader.tryLease();
			if (free != null) {
				return free;
			}
		}
		return this.readers.get(Math.floorMod(this.next.getAndIncrement(), this.readers.size())).awaitLease();
	}

	/**
	 * End the leases of the readers that the current thread holds outside a read-only
	 * transaction (taken and never closed).
	 * @return the names of those readers
	 */
	List<String> reclaimHeldByCurrentThread() throws SQLException {
		return namesOfReadersThat(ReaderConnection::reclaimIfHeldByCurrentThread);
	}

	/**
	 * End the leases of the readers that the current thread still holds after the
	 * read-only transaction it took them in ended.
	 * @return the names of those readers
	 */
	List<String> endLeasesOfCurrentThread() {
		return namesOfReadersThat(ReaderConnection::endLeasesOfCurrentThread);
	}

	private <E extends Exception> List<String> namesOfReadersThat(ReaderTest<E> test) throws E {
		List<String> names = new ArrayList<>();
		for (ReaderConnection reader : this.readers) {
			if (test.test(reader)) {
				names.add(reader.name());
			}
		}
		return names;
	}

	List<LeaseStatus> statuses() {
		return this.readers.stream().map((reader) -> reader.lease().status()).toList();
	}

	void setLeakWarning(Duration leakWarning) {
		this.readers.forEach((reader) -> reader.lease().setLeakWarning(leakWarning));
	}

	void setListener(LeaseListener listener) {
		this.readers.forEach((reader) -> reader.lease().setListener(listener));
	}

	/**
	 * Close every reader, each after its holder let go, all within {@code wait}.
	 * @return the names of the readers that were still held when they closed
	 */
	List<String> close(Duration wait) throws InterruptedException, SQLException {
		long deadline = System.nanoTime() + wait.toNanos();
		List<String> held = new ArrayList<>();
		for (ReaderConnection reader : this.readers) {
			long left = Math.max(0, deadline - System.nanoTime());
			if (!reader.close(Duration.ofNanos(left))) {
				held.add(reader.name());
			}
		}
		return held;
	}

	@FunctionalInterface
	private interface ReaderTest<E extends Exception> {

		boolean test(ReaderConnection reader) throws E;

	}

}
