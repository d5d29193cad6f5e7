package dev.pm.db.replication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One unbroken history of the database in the replica: a snapshot, then the segments that
 * follow it (and later snapshots). A new generation begins whenever continuity with the
 * write-ahead log is lost. Generation names begin with their start in epoch millis, so
 * they sort in time order.
 *
 * @param dir the generation's directory
 * @author pm-db
 */
record Generation(Path dir) {

	String id() {
		return this.dir.getFileName().toString();
	}

	/**
	 * Return the generation's snapshots and segments, by index, snapshots before the
	 * segment with the same index.
	 * @throws IOException if the directory cannot be listed
	 */
	List<ReplicaFile> files() throws IOException {
		try (Stream<Path> paths = Files.list(this.dir)) {
			return paths.map(ReplicaFile::of)
				.filter(Objects::nonNull)
				.sorted(Comparator.comparingLong(ReplicaFile::index).thenComparing(ReplicaFile::kind))
				.toList();
		}
	}

}
