package dev.pm.cli.command;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.pm.db.RestoredDatabase;
import dev.pm.db.replication.ReplicaRestore;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code pm db restore --from DIR [--to TIME] FILE [--json]}: a database from a replica
 * directory alone, without opening pm's own database (which may be the one that was
 * lost).
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
		description = { "Build FILE, which must not exist, from the replica in DIR (PM_DB_REPLICATION_TARGET of the"
				+ " pm that replicated it) as the database was committed at TIME, by default the latest moment it"
				+ " holds. The result is integrity-checked and private (rw-------). A damaged or missing segment"
				+ " stops the restore at the last good moment, which it names with the file. To use it: stop"
				+ " every pm, put FILE in place of the database (remove its -wal and -shm files)." })
final class DbRestoreCommand implements Callable<Integer> {

	@Mixin
	private Session session;

	@Option(names = "--from", required = true, paramLabel = "DIR", description = "The replica directory.")
	private Path replica;

	@Option(names = "--to", paramLabel = "TIME", converter = MomentConverter.class,
			description = "The moment: 2026-12-07T06:00:00Z, 2026-12-07T07:00+01:00, or 2026-12-07T07:00"
					+ " (local time). Default: now.")
	private Instant moment;

	@Parameters(paramLabel = "FILE", description = "The database to write; never overwritten.")
	private Path file;

	@Override
	public Integer call() {
		Instant to = (this.moment != null) ? this.moment : Instant.now();
		RestoredDatabase restored = new ReplicaRestore(this.replica, PosixFilePermissions.fromString("rw-------"))
			.restore(this.file, to);
		this.session.show(() -> json(restored), (shown) -> {
			this.session.out()
				.println("Restored " + restored.path() + " as committed at " + restored.restoredTo() + ", from "
						+ this.replica + ".");
			if (restored.problem() != null) {
				this.session.out().println("It stops before " + to + ": " + restored.problem());
			}
		});
		return 0;
	}

	private static Map<String, Object> json(RestoredDatabase restored) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("restored", restored.path().toString());
		json.put("restoredTo", restored.restoredTo().toString());
		json.put("problem", restored.problem());
		return json;
	}

	/** An ISO-8601 moment, with an offset or in the local time zone. */
	static final class MomentConverter implements ITypeConverter<Instant> {

		@Override
		public Instant convert(String value) {
			try {
				return OffsetDateTime.parse(value).toInstant();
			}
			catch (DateTimeParseException withoutOffset) {
				try {
					return LocalDateTime.parse(value).atZone(ZoneId.systemDefault()).toInstant();
				}
				catch (DateTimeParseException ex) {
					throw new TypeConversionException("'" + value + "' is not a moment: write it as"
							+ " 2026-12-07T06:00:00Z, 2026-12-07T07:00+01:00 or 2026-12-07T07:00 (local time)");
				}
			}
		}

	}

}
