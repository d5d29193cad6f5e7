package dev.pm.db.metrics;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.pm.db.autoconfigure.PmDbAutoConfiguration;
import dev.pm.db.autoconfigure.metrics.PmDbMetricsAutoConfiguration;
import dev.pm.db.jdbc.SqliteDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.ConfigurableTransactionManager;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * pm-db's meters move with the work.
 */
class PmDbMetricsTests {

	@TempDir
	Path dir;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PmDbAutoConfiguration.class, PmDbMetricsAutoConfiguration.class));

	@Test
	void transactionsMoveTheLeaseTimersTheCountersAndTheSizes() {
		this.contextRunner.withPropertyValues("pm.db.path=" + this.dir.resolve("pm.db")).run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(PmDbMetrics.class).bindTo(registry);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
			jdbc.execute("CREATE TABLE note (item_id INTEGER REFERENCES item (id) DEFERRABLE INITIALLY DEFERRED)");
			transactions.executeWithoutResult((status) -> jdbc.update("INSERT INTO item (name) VALUES ('a')"));
			transactions.executeWithoutResult((status) -> {
				jdbc.update("INSERT INTO item (name) VALUES ('b')");
				status.setRollbackOnly();
			});
			// A commit SQLite refuses counts as a rollback.
			assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> transactions
				.executeWithoutResult((status) -> jdbc.update("INSERT INTO note (item_id) VALUES (42)")));
			assertThat(registry.get("pm.db.transactions").tag("outcome", "commit").counter().count()).isEqualTo(1);
			assertThat(registry.get("pm.db.transactions").tag("outcome", "rollback").counter().count()).isEqualTo(2);
			assertThat(registry.get("pm.db.lease.hold").tag("connection", "writer").timer().count())
				.isGreaterThanOrEqualTo(4);
			assertThat(registry.get("pm.db.lease.wait").tag("connection", "writer").timer().count())
				.isGreaterThanOrEqualTo(4);
			assertThat(registry.get("pm.db.lease.waiting").gauge().value()).isZero();
			assertThat(registry.get("pm.db.lease.hold").tag("connection", "reader").timer().count()).isZero();
			transactions.setReadOnly(true);
			transactions.executeWithoutResult((status) -> jdbc.queryForList("SELECT name FROM item"));
			assertThat(registry.get("pm.db.lease.hold").tag("connection", "reader").timer().count()).isOne();
			assertThat(registry.get("pm.db.lease.wait").tag("connection", "reader").timer().count()).isOne();
			assertThat(registry.get("pm.db.size").gauge().value()).isPositive();
			assertThat(registry.get("pm.db.wal.size").gauge().value()).isPositive();
		});
	}

	@Test
	void fileSizesReadTheFilesAfterAGarbageCollection() throws Exception {
		Path file = this.dir.resolve("pm.db");
		this.contextRunner.withPropertyValues("pm.db.path=" + file).run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(PmDbMetrics.class).bindTo(registry);
			context.getBean(JdbcTemplate.class).update("INSERT INTO item (name) VALUES ('a')");
			collectGarbage();
			// Micrometer holds a gauge's object weakly: a gauge on an object nobody else
			// holds reads NaN once it is collected.
			assertThat(registry.get("pm.db.size").gauge().value()).isEqualTo(Files.size(file));
			Path wal = this.dir.resolve("pm.db-wal");
			assertThat(Files.size(wal)).isPositive();
			assertThat(registry.get("pm.db.wal.size").gauge().value()).isEqualTo(Files.size(wal));
		});
	}

	// System.gc() is only a hint: a collection has happened once an object nothing holds
	// is gone.
	private static void collectGarbage() throws InterruptedException {
		WeakReference<Object> sentinel = new WeakReference<>(new Object());
		while (sentinel.get() != null) {
			System.gc();
			Thread.sleep(10);
		}
	}

	@Test
	void inMemoryDatabaseHasNoFileSizesAndNoTransactionManagerCountsNothing() {
		this.contextRunner.withPropertyValues("pm.db.path=:memory:").run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			new PmDbMetrics(context.getBean(SqliteDataSource.class), null).bindTo(registry);
			context.getBean(JdbcTemplate.class).update("INSERT INTO item (name) VALUES ('a')");
			assertThat(registry.find("pm.db.size").gauge()).isNull();
			assertThat(registry.find("pm.db.transactions").counter()).isNull();
			// No readers for :memory:, so no reader timers.
			assertThat(registry.find("pm.db.lease.hold").tag("connection", "reader").timer()).isNull();
			assertThat(registry.get("pm.db.lease.hold").tag("connection", "writer").timer().count()).isPositive();
			// One thread alone: every take found the connection free, and waited nothing.
			assertThat(registry.get("pm.db.lease.wait").tag("connection", "writer").timer().count()).isPositive();
			assertThat(registry.get("pm.db.lease.wait").tag("connection", "writer").timer().max(TimeUnit.NANOSECONDS))
				.isZero();
		});
	}

	@Test
	void commitThatFailedWithoutARollbackIsNotCountedAsACommit() {
		this.contextRunner.withPropertyValues("pm.db.path=:memory:").run((context) -> {
			List<TransactionExecutionListener> listeners = new ArrayList<>();
			ConfigurableTransactionManager transactionManager = new ConfigurableTransactionManager() {

				@Override
				public void setTransactionExecutionListeners(Collection<TransactionExecutionListener> added) {
					listeners.addAll(added);
				}

				@Override
				public Collection<TransactionExecutionListener> getTransactionExecutionListeners() {
					return listeners;
				}

			};
			MeterRegistry registry = new SimpleMeterRegistry();
			new PmDbMetrics(context.getBean(SqliteDataSource.class), transactionManager).bindTo(registry);
			TransactionExecution transaction = new SimpleTransactionStatus();
			listeners.forEach((listener) -> listener.afterCommit(transaction, new IllegalStateException("unknown")));
			assertThat(registry.get("pm.db.transactions").tag("outcome", "commit").counter().count()).isZero();
			assertThat(registry.get("pm.db.transactions").tag("outcome", "rollback").counter().count()).isOne();
		});
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.contextRunner.withPropertyValues("pm.db.path=:memory:")
			.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).doesNotHaveBean(PmDbMetrics.class));
	}

}
