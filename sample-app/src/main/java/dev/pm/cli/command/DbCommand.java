package dev.pm.cli.command;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.pm.cli.plan.PlanException;
import dev.pm.cli.status.DatabaseStatus;
import dev.pm.cli.status.DatabaseStatusService;
import dev.pm.cli.status.ServerDatabaseStatus;
import dev.pm.cli.transport.DatabaseLocation;
import dev.pm.db.DatabaseBackup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code pm db}: the database itself.
 */
@Command(name = "db", mixinStandardHelpOptions = true,
		description = "Inspect, back up, replicate and restore the database.")
public class DbCommand {

	/** {@code pm db backup FILE [--json]}. */
	@Command(name = "backup", mixinStandardHelpOptions = true,
			description = { "Write a consistent copy of the database to FILE, which must not exist, while agents"
					+ " keep working. To restore: stop every pm, put the copy in place of the database (remove its"
					+ " -wal and -shm files), and run any command: the start-up checks verify it." })
	static final class Backup implements Callable<Integer> {

		@Mixin
		private Session session;

		@Parameters(paramLabel = "FILE", description = "The copy to write; never overwritten.")
		private Path file;

		@Override
		public Integer call() {
			if (!this.session.bean(DatabaseStatusService.class).isSqlite()) {
				throw new PlanException("pm db backup copies an SQLite database; back up a PostgreSQL database with"
						+ " its own tools (pg_dump)");
			}
			Path copy = this.session.bean(DatabaseBackup.class).backupTo(this.file);
			this.session.show(() -> Map.of("backup", copy.toString()),
					(shown) -> this.session.out().println("Backed up the database to " + copy + "."));
			return 0;
		}

	}

	/** {@code pm db status [--json]}. */
	@Command(name = "status", mixinStandardHelpOptions = true,
			description = { "Show the database's path, schema version, journal mode, integrity, permissions and size;"
					+ " on PostgreSQL, the server, its version and the schema version." })
	static final class Status implements Callable<Integer> {

		@Mixin
		private Session session;

		@Override
		public Integer call() {
			DatabaseStatusService service = this.session.bean(DatabaseStatusService.class);
			if (!service.isSqlite()) {
				ServerDatabaseStatus status = service.serverStatus();
				this.session.show(() -> status,
						(shown) -> Table.ofProperties()
							.row("database", status.database())
							.row("server", status.server())
							.row("version", status.version())
							.row("schema version", status.schemaVersion())
							.print(this.session.out(), ""));
				return 0;
			}
			DatabaseStatus found = service.status();
			DatabaseStatus status = found.chosenBy(chosenBy(found.path()));
			this.session.show(() -> status,
					(shown) -> Table.ofProperties()
						.row("path", status.path())
						.row("chosen by", status.chosenBy())
						.row("schema version", status.schemaVersion())
						.row("journal mode", status.journalMode())
						.row("integrity", status.integrityOk() ? "ok" : "FAILED")
						.row("permissions", status.permissions())
						.row("size", size(status.sizeBytes()) + " (WAL " + size(status.walSizeBytes()) + ")")
						.print(this.session.out(), ""));
			return status.integrityOk() ? 0 : PmCommandLine.REFUSED;
		}

		// What the flags and variables name, unless the command chose its own database
		// (pm demo works on a temporary one).
		private String chosenBy(String path) {
			DatabaseLocation location = this.session.databaseLocation();
			return location.path().toString().equals(path) ? location.reason() : "the command (its own database)";
		}

		private static String size(long bytes) {
			if (bytes < 1024) {
				return bytes + " B";
			}
			String[] units = { "KiB", "MiB", "GiB", "TiB" };
			double value = bytes;
			int unit = -1;
			while (value >= 1024 && unit < units.length - 1) {
				value /= 1024;
				unit++;
			}
			return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
		}

	}

}
