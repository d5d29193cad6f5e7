package dev.pm.db.health;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pm.db.DatabasePath;
import dev.pm.db.init.SchemaHistory;
import dev.pm.db.jdbc.LeaseStatus;
import dev.pm.db.jdbc.SqliteDataSource;
import dev.pm.db.replication.ReplicationStatus;
import dev.pm.db.replication.Replicator;
import org.flywaydb.core.api.MigrationVersion;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code db} health of a pm-db database: path, schema version, journal mode, sizes of
 * the database and its write-ahead log, and who holds the connection. It never queues
 * behind a long transaction: if the connection is not free within a moment, the database
 * is {@code UP} and busy, reported from what is known without it. Busy is not down. With
 * read-only connections, {@code readers} lists who holds each of them.
 * <p>
 * With replication on, {@code replication} tells where it stands: target, generation,
 * last segment, lag and the last error. A failing target leaves the database {@code UP}
 * (commits go on); the lag and the error say that the replica falls behind.
 *
 * @author pm-db
 * @since 0.1.0
 */
public class PmDbHealthIndicator extends AbstractHealthIndicator {

	private static final Duration PATIENCE = Duration.ofMillis(100);

	private final SqliteDataSource dataSource;

	private final String historyTable;

	private final @Nullable Replicator replicator;

	/**
	 * Create an indicator.
	 * @param dataSource the database's data source
	 * @param historyTable the name of Flyway's schema history table
	 */
	public PmDbHealthIndicator(SqliteDataSource dataSource, String historyTable) {
		this(dataSource, historyTable, null);
	}

	/**
	 * Create an indicator of a database that may be replicated.
	 * @param dataSource the database's data source
	 * @param historyTable the name of Flyway's schema history table
	 * @param replicator its replicator, or {@code null} if it is not replicated
	 */
	public PmDbHealthIndicator(SqliteDataSource dataSource, String historyTable, @Nullable Replicator replicator) {
		super("pm-db health check failed");
		this.dataSource = dataSource;
		this.historyTable = historyTable;
		this.replicator = replicator;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		Path file = this.dataSource.getPath().getFile();
		builder.withDetail("database", "SQLite").withDetail("path", this.dataSource.getPath().toString());
		if (this.replicator != null) {
			builder.withDetail("replication", replication(this.replicator.status()));
		}
		if (file != null) {
			if (!Files.isRegularFile(file)) {
				builder.down().withDetail("error", "The database file " + file + " is gone");
				return;
			}
			// A missing -wal is an empty one.
			builder.withDetail("size", file.toFile().length())
				.withDetail("walSize", DatabasePath.companionOf(file, "-wal").toFile().length());
		}
		List<LeaseStatus> readers = this.dataSource.getReaderStatuses();
		if (!readers.isEmpty()) {
			builder.withDetail("readers", readers.stream().map(PmDbHealthIndicator::describe).toList());
		}
		Connection connection = this.dataSource.getConnectionIfFree(PATIENCE);
		if (connection == null) {
			LeaseStatus lease = this.dataSource.getLeaseStatus();
			builder.up()
				.withDetail("busy", true)
				.withDetail("holder", String.valueOf(lease.holder()))
				.withDetail("heldFor", lease.heldFor().toString());
			return;
		}
		try (connection) {
			MigrationVersion version = SchemaHistory.latestApplied(connection, this.historyTable);
			builder.up()
				.withDetail("busy", false)
				.withDetail("schemaVersion", (version != null) ? version.getVersion() : "none")
				.withDetail("journalMode", journalMode(connection));
		}
	}

	private static Map<String, Object> replication(ReplicationStatus status) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("target", status.target().toString());
		details.put("standby", status.standby());
		details.put("lag", status.lag().toString());
		details.put("segments", status.segments());
		putIfKnown(details, "generation", status.generation());
		putIfKnown(details, "lastSegment", status.lastSegment());
		putIfKnown(details, "lastError", status.lastError());
		return details;
	}

	private static void putIfKnown(Map<String, Object> details, String name, @Nullable String value) {
		if (value != null) {
			details.put(name, value);
		}
	}

	private static Map<String, String> describe(LeaseStatus reader) {
		return (reader.holder() != null) ? Map.of("holder", reader.holder(), "heldFor", reader.heldFor().toString())
				: Map.of("holder", "none");
	}

	private static String journalMode(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("PRAGMA journal_mode")) {
			result.next();
			return result.getString(1);
		}
	}

}
