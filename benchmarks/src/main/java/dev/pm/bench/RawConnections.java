package dev.pm.bench;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What SQLite allows without pm-db, the baseline of the reader scenarios: one writer
 * connection, used by one thread at a time under a lock, and a reader connection of its
 * own for each thread, each a {@link RawItems} with the starter's PRAGMAs.
 *
 * @author pm-db
 */
final class RawConnections implements AutoCloseable {

	private final RawItems writer;

	private final List<RawItems> readers;

	private RawConnections(RawItems writer, List<RawItems> readers) {
		this.writer = writer;
		this.readers = readers;
	}

	static RawConnections open(Path file, int readers) throws SQLException {
		RawItems writer = RawItems.open(file, "normal");
		List<RawItems> opened = new ArrayList<>();
		for (int i = 0; i < readers; i++) {
			opened.add(RawItems.open(file, "normal"));
		}
		return new RawConnections(writer, opened);
	}

	void insert(long n) {
		synchronized (this.writer) {
			this.writer.insert(n);
		}
	}

	void insertBatch(int rows) {
		synchronized (this.writer) {
			this.writer.insertBatch(rows);
		}
	}

	/** Return the reader connection of thread {@code thread}. */
	Items reader(int thread) {
		return this.readers.get(thread);
	}

	long count() {
		synchronized (this.writer) {
			return this.writer.count();
		}
	}

	@Override
	public void close() throws SQLException {
		for (RawItems reader : this.readers) {
			reader.close();
		}
		this.writer.close();
	}

}
