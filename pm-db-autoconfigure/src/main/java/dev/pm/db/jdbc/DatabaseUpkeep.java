package dev.pm.db.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.pm.db.DatabasePath;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Upkeep of a database that stays open for weeks, on one daemon thread: {@code PRAGMA
 * optimize} every optimize interval (a server that never stops never reaches the one of
 * its clean close), and a look at the write-ahead log every checkpoint interval.
 * <p>
 * SQLite checkpoints passively after commits by itself ({@code wal_autocheckpoint}), but
 * a passive checkpoint cannot go past the snapshot of a reader still open, and never
 * shrinks the file. So the look at the log checkpoints it into the database and truncates
 * it ({@code TRUNCATE}) when the database is idle (the writer and every reader free),
 * without waiting for anybody (busy timeout 0 for that statement); and it warns, naming
 * the readers that hold it back, when the log has grown past the warning size. With
 * replication, which alone may checkpoint (only frames it copied), the checkpoint
 * interval is off and only the warning stays.
 *
 * @author pm-db
 * @since 0.1.0
 */
public class DatabaseUpkeep implements InitializingBean, DisposableBean {

	private static final Log logger = LogFactory.getLog(DatabaseUpkeep.class);

	private final SqliteDataSource dataSource;

	private final Duration optimizeInterval;

	private final Duration checkpointInterval;

	private final long walSizeWarning;

	private final @Nullable Path wal;

	private final boolean checkpoints;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "pm-db-upkeep");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean warned;

	/**
	 * Create the upkeep of a database.
	 * @param dataSource the database's data source
	 * @param optimizeInterval how often to run {@code PRAGMA optimize};
	 * {@link Duration#ZERO} never
	 * @param checkpointInterval how often to look at the write-ahead log, checkpoint it
	 * when idle and warn when it is too large; {@link Duration#ZERO} never
	 * @param walSizeWarning the size of the write-ahead log above which it is reported,
	 * in bytes
	 * @param checkpoints whether the upkeep may checkpoint (not with replication)
	 */
	public DatabaseUpkeep(SqliteDataSource dataSource, Duration optimizeInterval, Duration checkpointInterval,
			long walSizeWarning, boolean checkpoints) {
		this.dataSource = dataSource;
		this.optimizeInterval = optimizeInterval;
		this.checkpointInterval = checkpointInterval;
		this.walSizeWarning = walSizeWarning;
		Path file = dataSource.getPath().getFile();
		this.wal = (file != null) ? DatabasePath.companionOf(file, "-wal") : null;
		this.checkpoints = checkpoints;
	}

	/**
	 * Start the schedule.
	 */
	@Override
	public void afterPropertiesSet() {
		schedule(this.optimizeInterval, "optimize", this::optimize);
		schedule(this.checkpointInterval, "checkpoint", this::checkpointIfIdle);
	}

	private void schedule(Duration interval, String what, Task task) {
		if (interval.isZero()) {
			return;
		}
		long millis = interval.toMillis();
		this.scheduler.scheduleWithFixedDelay(() -> runLogged(what, task), millis, millis, TimeUnit.MILLISECONDS);
	}

	// A scheduled task that throws is never run again: the next run may well succeed.
	void runLogged(String what, Task task) {
		try {
			task.run();
		}
		catch (SQLException | RuntimeException ex) {
			logger.warn("pm-db upkeep could not " + what + " " + this.dataSource.getPath() + ": " + ex);
		}
	}

	/**
	 * Run {@code PRAGMA optimize} on the writer, waiting for it as any thread does.
	 * @throws SQLException if SQLite refuses
	 */
	public void optimize() throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA optimize");
		}
	}

	/**
	 * Warn if the write-ahead log is larger than the warning size, then checkpoint and
	 * truncate it if the upkeep may checkpoint and the writer and every reader are free.
	 * An in-memory database has no log to look at.
	 * @return whether the log was checkpointed completely and truncated
	 * @throws SQLException if SQLite refuses
	 */
	public boolean checkpointIfIdle() throws SQLException {
		Path wal = this.wal;
		if (wal == null) {
			return false;
		}
		List<LeaseStatus> readers = this.dataSource.getReaderStatuses();
		warnIfTooLarge(wal, readers);
		if (!this.checkpoints || readers.stream().anyMatch((reader) -> reader.holder() != null)) {
			return false;
		}
		Connection connection = this.dataSource.getConnectionIfFree(Duration.ZERO);
		if (connection == null) {
			return false;
		}
		try (connection; Statement statement = connection.createStatement()) {
			// A reader that began meanwhile makes the checkpoint report busy at once,
			// instead of holding the writer while it waits for that reader.
			statement.execute("PRAGMA busy_timeout = 0");
			try (ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
				result.next();
				return result.getInt(1) == 0;
			}
			finally {
				statement.execute("PRAGMA busy_timeout = " + this.dataSource.getDriver().getBusyTimeout().toMillis());
			}
		}
	}

	private void warnIfTooLarge(Path wal, List<LeaseStatus> readers) {
		long size = wal.toFile().length();
		if (size <= this.walSizeWarning) {
			this.warned = false;
			return;
		}
		if (this.warned) {
			return;
		}
		this.warned = true;
		List<String> holders = readers.stream()
			.filter((reader) -> reader.holder() != null)
			.map((reader) -> "thread '" + reader.holder() + "' for " + reader.heldFor().toMillis() + " ms")
			.toList();
		logger.warn("The write-ahead log of " + this.dataSource.getPath() + " is " + size
				+ " bytes, more than pm.db.wal-size-warning (" + this.walSizeWarning + " bytes): "
				+ (holders.isEmpty() ? "no reader holds it back now; the next idle checkpoint truncates it"
						: "checkpoints cannot pass the snapshot of the read-only transactions open in " + holders
								+ "; keep read-only transactions short"));
	}

	/**
	 * Stop the schedule, waiting for upkeep in progress to end (it holds the writer for
	 * moments only).
	 * @throws InterruptedException if interrupted while waiting
	 */
	@Override
	public void destroy() throws InterruptedException {
		this.scheduler.shutdownNow();
		this.scheduler.awaitTermination(this.dataSource.getDriver().getBusyTimeout().toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * One piece of upkeep.
	 */
	@FunctionalInterface
	interface Task {

		void run() throws SQLException;

	}

}
