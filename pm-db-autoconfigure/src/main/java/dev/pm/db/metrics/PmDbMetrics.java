package dev.pm.db.metrics;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.pm.db.DatabasePath;
import dev.pm.db.jdbc.LeaseListener;
import dev.pm.db.jdbc.SqliteDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.ConfigurableTransactionManager;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/**
 * The meters of a pm-db database: {@code pm.db.lease.wait} and {@code pm.db.lease.hold}
 * (timers, tagged {@code connection=writer}, and {@code connection=reader} for the
 * read-only connections together), {@code pm.db.lease.waiting} (threads waiting now),
 * {@code pm.db.transactions} (tagged {@code outcome=commit|rollback}), {@code pm.db.size}
 * and {@code pm.db.wal.size} (bytes).
 *
 * @author pm-db
 * @since 0.1.0
 */
public class PmDbMetrics implements MeterBinder {

	private final SqliteDataSource dataSource;

	private final @Nullable ConfigurableTransactionManager transactionManager;

	/**
	 * Create the meters of one database.
	 * @param dataSource the database's data source
	 * @param transactionManager the transaction manager whose commits and rollbacks are
	 * counted, or {@code null} for none
	 */
	public PmDbMetrics(SqliteDataSource dataSource, @Nullable ConfigurableTransactionManager transactionManager) {
		this.dataSource = dataSource;
		this.transactionManager = transactionManager;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.dataSource.setLeaseListener(leaseTimers(registry, "writer"));
		if (this.dataSource.getReaderCount() > 0) {
			this.dataSource.setReaderLeaseListener(leaseTimers(registry, "reader"));
		}
		Gauge.builder("pm.db.lease.waiting", this.dataSource, (source) -> source.getLeaseStatus().waiting())
			.description("Threads waiting for the shared connection")
			.register(registry);
		Path file = this.dataSource.getPath().getFile();
		if (file != null) {
			fileSize(registry, "pm.db.size", file, "Size of the database file");
			fileSize(registry, "pm.db.wal.size", DatabasePath.companionOf(file, "-wal"), "Size of the write-ahead log");
		}
		if (this.transactionManager != null) {
			this.transactionManager.addListener(new TransactionCounter(registry));
		}
	}

	private static void fileSize(MeterRegistry registry, String name, Path file, String description) {
		// File#length is 0 for a file that is not there, such as a -wal after a
		// checkpoint. Micrometer holds a gauge's object weakly, and nothing else holds
		// the path of the -wal: without a strong reference the gauge reads NaN after
		// the next garbage collection.
		Gauge.builder(name, file, (path) -> path.toFile().length())
			.description(description)
			.baseUnit("bytes")
			.strongReference(true)
			.register(registry);
	}

	// The timers of one kind of connection, tagged with it.
	private static LeaseListener leaseTimers(MeterRegistry registry, String connection) {
		Timer wait = Timer.builder("pm.db.lease.wait")
			.description("Time a thread waited for a connection")
			.tag("connection", connection)
			.register(registry);
		Timer hold = Timer.builder("pm.db.lease.hold")
			.description("Time a thread held a connection")
			.tag("connection", connection)
			.register(registry);
		return new LeaseListener() {

			@Override
			public void taken(long waitedNanos) {
				wait.record(waitedNanos, TimeUnit.NANOSECONDS);
			}

			@Override
			public void released(long heldNanos) {
				hold.record(heldNanos, TimeUnit.NANOSECONDS);
			}

		};
	}

	private static final class TransactionCounter implements TransactionExecutionListener {

		private final Counter commits;

		private final Counter rollbacks;

		TransactionCounter(MeterRegistry registry) {
			this.commits = counter(registry, "commit");
			this.rollbacks = counter(registry, "rollback");
		}

		private static Counter counter(MeterRegistry registry, String outcome) {
			return Counter.builder("pm.db.transactions")
				.description("Transactions ended on the database")
				.tag("outcome", outcome)
				.register(registry);
		}

		@Override
		public void afterCommit(TransactionExecution transaction, @Nullable Throwable commitFailure) {
			(commitFailure == null ? this.commits : this.rollbacks).increment();
		}

		@Override
		public void afterRollback(TransactionExecution transaction, @Nullable Throwable rollbackFailure) {
			this.rollbacks.increment();
		}

	}

}
