package dev.pm.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.pm.db.DatabaseBackup;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scenario 7: how long a writer waits while {@link DatabaseBackup} copies a large
 * database. A thread commits single-row transactions in a loop; each round times its
 * slowest transaction while nothing else happens, then while a backup runs, and the
 * backup itself.
 *
 * @author pm-db
 */
public final class BackupWhileWriting implements Scenario {

	@Override
	public String name() {
		return "backup";
	}

	@Override
	public ScenarioResult run(Workspace workspace, Sizes sizes) throws Exception {
		Path database = workspace.newDatabase("backup-large");
		long bytes = InitializerStartup.fill(database, 5_000, sizes.largeDatabaseBytes());
		int rounds = Math.max(1, sizes.startupRounds());
		double[] idle = new double[rounds];
		double[] during = new double[rounds];
		double[] backup = new double[rounds];
		long written = 0;
		try (ConfigurableApplicationContext context = BenchmarkApplication.startStarter(database,
				Map.of("synchronous", "normal"))) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
			DatabaseBackup backups = context.getBean(DatabaseBackup.class);
			for (int round = 0; round < rounds; round++) {
				Path copy = workspace.newDatabase("backup-copy-" + round);
				Writer quiet = Writer.start(jdbc, transactions);
				Thread.sleep(500);
				idle[round] = quiet.finish() / 1e6;
				Writer busy = Writer.start(jdbc, transactions);
				long start = System.nanoTime();
				backups.backupTo(copy);
				backup[round] = (System.nanoTime() - start) / 1e6;
				during[round] = busy.finish() / 1e6;
				written += quiet.count + busy.count;
			}
			Integer rows = jdbc.queryForObject("SELECT count(*) FROM item WHERE name LIKE 'backup-writer-%'",
					Integer.class);
			if (rows == null || rows != written) {
				throw new IllegalStateException("The writers committed " + written + " rows, the table holds " + rows);
			}
		}
		List<Series> series = List.of(new Series("slowest write transaction, no backup", "ms", idle, 0),
				new Series("slowest write transaction, during a backup", "ms", during, 0),
				new Series("backup of the " + Math.round(bytes / (1024.0 * 1024)) + " MB database", "ms", backup, 0));
		return new ScenarioResult("7. online backup while a writer commits (lower is better)", series,
				List.of(Check.report("slowest write during a backup / slowest write without (ratio)",
						ratios(during, idle))),
				List.of("WAL mode, synchronous=normal; the backup reads from a read-only connection of its own"));
	}

	private static double[] ratios(double[] values, double[] baseline) {
		double[] ratios = new double[values.length];
		for (int i = 0; i < values.length; i++) {
			ratios[i] = values[i] / baseline[i];
		}
		return ratios;
	}

	/**
	 * A thread committing one row per transaction until stopped; it keeps its slowest
	 * one.
	 */
	private static final class Writer extends Thread {

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final JdbcTemplate jdbc;

		private final TransactionTemplate transactions;

		private volatile long slowestNanos;

		private volatile long count;

		private Writer(JdbcTemplate jdbc, TransactionTemplate transactions) {
			super("backup-writer");
			this.jdbc = jdbc;
			this.transactions = transactions;
		}

		static Writer start(JdbcTemplate jdbc, TransactionTemplate transactions) {
			Writer writer = new Writer(jdbc, transactions);
			writer.start();
			return writer;
		}

		@Override
		public void run() {
			while (this.running.get()) {
				long start = System.nanoTime();
				long n = this.count;
				this.transactions.executeWithoutResult((status) -> this.jdbc.update(Items.INSERT,
						"backup-writer-" + System.identityHashCode(this) + "-" + n, n));
				this.slowestNanos = Math.max(this.slowestNanos, System.nanoTime() - start);
				this.count = n + 1;
			}
		}

		long finish() throws InterruptedException {
			this.running.set(false);
			join(TimeUnit.SECONDS.toMillis(60));
			return this.slowestNanos;
		}

	}

}
