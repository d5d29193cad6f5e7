package dev.pm.db.replication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import dev.pm.db.DatabaseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The layout of a replica directory: identity, lock, generations and retention.
 */
class ReplicaDirectoryTests {

	private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

	@TempDir
	Path dir;

	@Test
	void retentionKeepsTheLastSnapshotAtOrBeforeTheCutoffAndEverythingAfterIt() throws IOException {
		ReplicaDirectory replica = new ReplicaDirectory(this.dir);
		replica.claim(this.dir.resolve("pm.db"));
		Generation old = replica.newGeneration(T0);
		write(replica, old, ReplicaFile.Kind.SNAPSHOT, 0, 0);
		write(replica, old, ReplicaFile.Kind.SEGMENT, 0, 1);
		Generation current = replica.newGeneration(T0.plusSeconds(10));
		write(replica, current, ReplicaFile.Kind.SNAPSHOT, 0, 10);
		write(replica, current, ReplicaFile.Kind.SEGMENT, 0, 11);
		Path needed = write(replica, current, ReplicaFile.Kind.SNAPSHOT, 1, 20);
		Path after = write(replica, current, ReplicaFile.Kind.SEGMENT, 1, 21);
		Path newer = write(replica, current, ReplicaFile.Kind.SNAPSHOT, 2, 30);
		assertThat(replica.prune(T0.plusSeconds(25))).isEqualTo(4);
		assertThat(old.dir()).doesNotExist();
		assertThat(current.files()).extracting(ReplicaFile::path).containsExactly(needed, after, newer);
		assertThat(replica.prune(T0.minusSeconds(1))).as("nothing is at or before the cutoff").isZero();
	}

	@Test
	void filesThatAreNotSnapshotsOrSegmentsAreNotPartOfAGeneration() throws IOException {
		ReplicaDirectory replica = new ReplicaDirectory(this.dir);
		Generation generation = replica.newGeneration(T0);
		Files.writeString(generation.dir().resolve("notes.txt"), "mine");
		Path snapshot = write(replica, generation, ReplicaFile.Kind.SNAPSHOT, 0, 0);
		assertThat(generation.files()).extracting(ReplicaFile::path).containsExactly(snapshot);
	}

	@Test
	void anIdentityOfAnotherDatabaseIsRefusedAndTheSameOneAccepted() throws IOException {
		ReplicaDirectory replica = new ReplicaDirectory(this.dir);
		assertThat(replica.owner()).isNull();
		replica.claim(this.dir.resolve("a.db"));
		replica.claim(this.dir.resolve("a.db"));
		assertThat(replica.owner()).isEqualTo(this.dir.resolve("a.db").toString());
		assertThatExceptionOfType(DatabaseException.class).isThrownBy(() -> replica.claim(this.dir.resolve("b.db")))
			.withMessageContaining("a.db")
			.withMessageContaining("b.db");
	}

	@Test
	void onlyOneReplicatorHoldsTheLockUntilItReleasesIt() throws IOException {
		ReplicaDirectory first = new ReplicaDirectory(this.dir);
		ReplicaDirectory second = new ReplicaDirectory(this.dir);
		second.release();
		assertThat(first.lock()).isTrue();
		assertThat(first.lock()).isTrue();
		assertThat(second.lock()).isFalse();
		first.release();
		assertThat(second.lock()).isTrue();
		second.release();
	}

	@Test
	void aDirectoryWithoutGenerationsHasNone() throws IOException {
		assertThat(new ReplicaDirectory(this.dir.resolve("missing")).generations()).isEmpty();
	}

	@Test
	void withoutPosixPermissionsFilesAreCreatedWithTheFileSystemsDefaults() throws IOException {
		PrivateFiles files = new PrivateFiles(false);
		files.createDirectories(this.dir.resolve("a/b"));
		files.writeAtomically(this.dir.resolve("a/b/file"), new byte[] { 1 });
		assertThat(this.dir.resolve("a/b/file")).hasBinaryContent(new byte[] { 1 });
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.dir.resolve("a/b/file"))))
			.isNotEqualTo("---------");
	}

	@Test
	void aFileThatCannotBeWrittenFailsWithTheCause() {
		PrivateFiles files = PrivateFiles.of(this.dir);
		Path file = this.dir.resolve("missing/file");
		assertThatIOException().isThrownBy(() -> files.writeAtomically(file, new byte[] { 1 }))
			.withMessageContaining(file.getParent().toString());
		assertThat(file.getParent()).doesNotExist();
	}

	private static Path write(ReplicaDirectory replica, Generation generation, ReplicaFile.Kind kind, long index,
			int seconds) throws IOException {
		return replica.write(generation, ReplicaFile.name(kind, index, T0.plusSeconds(seconds)), new byte[] { 1 });
	}

}
