package dev.pm.db.init;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.pm.db.DatabasePath;
import org.jspecify.annotations.Nullable;

/**
 * The file in which pm-db records a clean close ({@link CleanClose}) beside the database,
 * {@code NAME-pmdb}: the database file's identity, size and times and its write-ahead
 * log's size and time at the close, when an integrity check last ran, which check, and
 * the schema. Only where the file system has the "unix" view (identities by number).
 *
 * @author pm-db
 */
final class CleanCloseRecord {

	/** The suffix of the record beside the database. */
	static final String SUFFIX = "-pmdb";

	private final Path database;

	private final Path record;

	private final boolean unix;

	private final FileAttribute<?>[] privateFile;

	/**
	 * Create the record of one database.
	 * @param database the database file
	 * @param unix whether the file system has the "unix" view
	 * @param privateFile the attributes a file only its owner may read and write is
	 * created with
	 */
	CleanCloseRecord(Path database, boolean unix, FileAttribute<?>[] privateFile) {
		this.database = database;
		this.record = DatabasePath.companionOf(database, SUFFIX);
		this.unix = unix;
		this.privateFile = privateFile;
	}

	/**
	 * Return the record of the last clean close, if the file is exactly as this starter
	 * left it then (same identity, size, modification and change times, and an empty
	 * write-ahead log), and forget the record either way, so that a crash from now on
	 * never looks like a clean close.
	 * @return the record, or empty when the file must be checked
	 */
	Optional<CleanClose> take() {
		if (!this.unix || !Files.exists(this.record, LinkOption.NOFOLLOW_LINKS)) {
			return Optional.empty();
		}
		List<String> lines = FileCalls.onAttributesOf(this.database, this.record, this::readAndForget);
		boolean unchanged = (lines.size() == 3 || lines.size() == 4) && lines.get(0).equals(stamp())
				&& lines.get(1).matches("[0-9]{1,18}") && isCheck(lines.get(2));
		if (!unchanged) {
			return Optional.empty();
		}
		return Optional.of(new CleanClose(Instant.ofEpochMilli(Long.parseLong(lines.get(1))),
				IntegrityCheck.valueOf(lines.get(2)), (lines.size() == 4) ? schema(lines.get(3)) : null));
	}

	// Processes that open the same file at once race for the record: the one that reads
	// it second finds none, and checks the file as it would without a record.
	private List<String> readAndForget() throws IOException {
		List<String> lines;
		try {
			lines = Files.readAllLines(this.record, StandardCharsets.US_ASCII);
		}
		catch (NoSuchFileException ex) {
			return List.of();
		}
		Files.deleteIfExists(this.record);
		return lines;
	}

	/**
	 * Record that the file was closed cleanly just now.
	 * @param cleanClose when an integrity check last ran on it, which, and its schema
	 */
	void write(CleanClose cleanClose) {
		if (!this.unix) {
			return;
		}
		CleanClose.Schema schema = cleanClose.schema();
		String content = stamp() + "\n" + cleanClose.checked().toEpochMilli() + "\n" + cleanClose.check().name() + "\n"
				+ ((schema != null) ? "schema " + schema.version() + " " + schema.migrations() + "\n" : "");
		FileCalls.onAttributesOf(this.database, this.record, () -> {
			// A name of its own: several processes on one file may close at the same
			// moment.
			Path written = Files.createTempFile(this.database.getParent(), this.database.getFileName() + SUFFIX, ".new",
					this.privateFile);
			Files.writeString(written, content, StandardCharsets.US_ASCII);
			return Files.move(written, this.record, StandardCopyOption.REPLACE_EXISTING,
					StandardCopyOption.ATOMIC_MOVE);
		});
	}

	private static boolean isCheck(String recorded) {
		return Arrays.stream(IntegrityCheck.values()).anyMatch((check) -> check.name().equals(recorded));
	}

	// "schema VERSION FINGERPRINT"; anything else is no schema to rely on.
	private static CleanClose.@Nullable Schema schema(String line) {
		String[] words = line.split(" ", -1);
		return (words.length == 3 && words[0].equals("schema")) ? new CleanClose.Schema(words[1], words[2]) : null;
	}

	// What a clean close leaves: the file's identity, size and times (ctime changes with
	// any write and cannot be set back), and its write-ahead log's size and time (0 when
	// absent).
	private String stamp() {
		File wal = DatabasePath.companionOf(this.database, "-wal").toFile();
		return attribute("unix:dev") + ":" + attribute("unix:ino") + ":" + attribute("unix:size") + ":"
				+ attribute("unix:lastModifiedTime") + ":" + attribute("unix:ctime") + ":" + wal.length() + ":"
				+ wal.lastModified();
	}

	private Object attribute(String name) {
		return FileCalls.onAttributesOf(this.database, this.database, () -> Files.getAttribute(this.database, name));
	}

}
