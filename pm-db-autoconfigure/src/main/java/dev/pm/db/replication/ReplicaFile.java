package dev.pm.db.replication;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot or a segment of a generation, named so that a listing alone orders them and
 * tells their moments: {@code <index>-<epoch millis>.snapshot|segment}. A snapshot with
 * index {@code n} is the database before segment {@code n}; a segment's moment is when it
 * was read from the log, after every transaction in it committed.
 *
 * @param path the file
 * @param kind snapshot or segment
 * @param index its place in the generation
 * @param time its moment
 * @author pm-db
 */
record ReplicaFile(Path path, Kind kind, long index, Instant time) {

	private static final Pattern NAME = Pattern.compile("(\\d{10})-(\\d{13})\\.(snapshot|segment)");

	static String name(Kind kind, long index, Instant time) {
		return String.format(Locale.ROOT, "%010d-%013d.%s", index, time.toEpochMilli(), kind.extension);
	}

	/**
	 * Return the replica file a path names, or {@code null} for any other file (a file
	 * still being written, say).
	 */
	static @Nullable ReplicaFile of(Path path) {
		Matcher matcher = NAME.matcher(path.getFileName().toString());
		if (!matcher.matches()) {
			return null;
		}
		Kind kind = matcher.group(3).equals(Kind.SNAPSHOT.extension) ? Kind.SNAPSHOT : Kind.SEGMENT;
		return new ReplicaFile(path, kind, Long.parseLong(matcher.group(1)),
				Instant.ofEpochMilli(Long.parseLong(matcher.group(2))));
	}

	enum Kind {

		SNAPSHOT("snapshot"), SEGMENT("segment");

		private final String extension;

		Kind(String extension) {
			this.extension = extension;
		}

	}

}
