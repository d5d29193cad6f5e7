package dev.pm.db.init;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.pm.db.DatabaseException;
import dev.pm.testing.output.ExpectedOutputExtension;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;

import static dev.pm.db.test.Databases.permissions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(ExpectedOutputExtension.class)
class DatabaseFilesTests {

	// nobody: another user than the one running the tests (root here, so it may hand
	// files over).
	private static final int NOBODY = 65534;

	@TempDir
	Path dir;

	@Test
	void tightensEveryCompanionFileAndNeverAddsAPermission(CapturedOutput output) throws IOException {
		Path file = create("pm.db", "rw-r--r--");
		Path wal = create("pm.db-wal", "rw-rw-rw-");
		Path shm = create("pm.db-shm", "rw-------");
		Path journal = create("pm.db-journal", "r--r-----");
		Path unrelated = create("pm.db-backup", "rw-rw-rw-");
		files(file).tightenPermissions();
		assertThat(permissions(file)).isEqualTo("rw-------");
		assertThat(permissions(wal)).isEqualTo("rw-------");
		assertThat(permissions(shm)).isEqualTo("rw-------");
		assertThat(permissions(journal)).isEqualTo("r--------");
		assertThat(permissions(unrelated)).isEqualTo("rw-rw-rw-");
		assertThat(output)
			.contains(
					"Permissions of " + file
							+ " were rw-r--r--, looser than pm.db.file-permissions; changed to rw-------",
					"Permissions of " + wal + " were rw-rw-rw-", "Permissions of " + journal + " were r--r-----")
			.doesNotContain(shm.toString(), unrelated.toString());
	}

	@Test
	void theFileIsCreatedWithItsPermissionsSoThereIsNoWindow() throws IOException {
		Path file = this.dir.resolve("pm.db");
		// Creation alone, no tightening after it: under the usual umask a plain create
		// gives rw-r--r--.
		files(file).createFile();
		assertThat(permissions(file)).isEqualTo("rw-------");
	}

	@Test
	void existingFileCreatedMeanwhileByAnotherProcessIsChecked() throws IOException {
		Path file = this.dir.resolve("pm.db");
		DatabaseFiles files = files(file);
		Files.writeString(file, "");
		files.createFile();
		assertThat(Files.size(file)).isZero();
	}

	@Test
	void unwritableParentIsAClearError() throws IOException {
		Path parent = Files.createFile(this.dir.resolve("not-a-dir"));
		Path file = parent.resolve("pm.db");
		assertThatExceptionOfType(DatabaseException.class).isThrownBy(() -> files(file).prepare())
			.withMessageContaining("Cannot create database file " + file);
	}

	@Test
	void permissionsOfAVanishedFileAreAClearError() {
		Path file = this.dir.resolve("gone.db");
		DatabaseFiles files = files(file);
		assertThatExceptionOfType(DatabaseException.class).isThrownBy(() -> files.readPermissionsOf(file))
			.withMessageContaining("Cannot read or change the permissions of " + file);
	}

	@Test
	void fileSystemWithoutPosixPermissionsCreatesAndChecksWithoutThem() throws IOException {
		Path zip = this.dir.resolve("archive.zip");
		try (FileSystem zipfs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of("create", "true"))) {
			Path file = zipfs.getPath("/data/pm.db");
			DatabaseFiles files = new DatabaseFiles(file, true, PosixFilePermissions.fromString("rw-------"));
			files.prepare();
			assertThat(file).exists();
			files.prepare();
			files.tightenPermissions();
			files.recordCleanClose(new CleanClose(Instant.now(), IntegrityCheck.FULL, null));
			assertThat(files.takeCleanCloseRecord()).isEmpty();
			assertThat(files.getFile()).isSameAs(file);
		}
	}

	@Test
	void fileSystemWithPosixPermissionsButNoUnixOwnersTightensCompanionsWithoutLookingAtOwners(CapturedOutput output)
			throws IOException {
		Path zip = this.dir.resolve("posix.zip");
		try (FileSystem zipfs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()),
				Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
			Path file = zipfs.getPath("/pm.db");
			Path wal = Files.createFile(zipfs.getPath("/pm.db-wal"));
			Files.setPosixFilePermissions(wal, PosixFilePermissions.fromString("rw-rw-rw-"));
			DatabaseFiles files = new DatabaseFiles(file, true, PosixFilePermissions.fromString("rw-------"));
			files.prepare();
			files.tightenPermissions();
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(wal))).isEqualTo("rw-------");
			assertThat(output).contains("Permissions of /pm.db-wal were rw-rw-rw-");
		}
	}

	@Test
	void symbolicLinkToNothingIsNotARegularFile() throws IOException {
		Path file = Files.createSymbolicLink(this.dir.resolve("pm.db"), this.dir.resolve("nowhere"));
		assertThatExceptionOfType(DatabaseException.class).isThrownBy(() -> files(file).prepare())
			.withMessageContaining("is not a regular file")
			.withMessageNotContaining("directory");
	}

	@Test
	void databaseOfAnotherUserIsRefusedNamingItsOwnerAndLeftUnchanged() throws IOException {
		Path file = create("pm.db", "rw-rw-rw-");
		Files.setAttribute(file, "unix:uid", NOBODY);
		assertThatExceptionOfType(DatabaseException.class).isThrownBy(() -> files(file).prepare())
			.withMessageContaining(file + " belongs to user '")
			.withMessageContaining("(uid " + NOBODY + ")");
		assertThat(permissions(file)).isEqualTo("rw-rw-rw-");
		assertThat(Files.getAttribute(file, "unix:uid")).isEqualTo(NOBODY);
	}

	@ParameterizedTest
	@ValueSource(strings = { "-wal", "-shm", "-journal" })
	void companionOfAnotherUserIsRefused(String suffix) throws IOException {
		Path file = create("pm.db", "rw-------");
		Path companion = create("pm.db" + suffix, "rw-------");
		Files.setAttribute(companion, "unix:uid", NOBODY);
		assertThatExceptionOfType(DatabaseException.class).isThrownBy(() -> files(file).prepare())
			.withMessageContaining(companion + " belongs to user '");
	}

	@ParameterizedTest
	@ValueSource(strings = { "-wal", "-journal" })
	void companionThatIsAFifoIsRefusedBeforeSqliteCouldHangOnIt(String suffix) throws Exception {
		Path file = create("pm.db", "rw-------");
		Path fifo = this.dir.resolve("pm.db" + suffix);
		assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
		assertThatExceptionOfType(DatabaseException.class).isThrownBy(() -> files(file).prepare())
			.withMessageContaining(fifo + " beside database " + file + " is not a regular file");
	}

	@Test
	void companionThatIsALinkIsRefused() throws IOException {
		Path file = create("pm.db", "rw-------");
		Path elsewhere = create("elsewhere", "rw-------");
		Path link = Files.createSymbolicLink(this.dir.resolve("pm.db-wal"), elsewhere);
		assertThatExceptionOfType(DatabaseException.class).isThrownBy(() -> files(file).prepare())
			.withMessageContaining(link + " beside database");
	}

	@Test
	void directoryEveryoneMayWriteWithoutTheStickyBitIsRefused() throws IOException {
		Path shared = Files.createDirectory(this.dir.resolve("shared"));
		Files.setAttribute(shared, "unix:mode", 0777);
		assertThatExceptionOfType(DatabaseException.class).isThrownBy(() -> files(shared.resolve("pm.db")).prepare())
			.withMessageContaining("may be written by every user and has no sticky bit");
		assertThat(shared).isEmptyDirectory();
		Files.setAttribute(shared, "unix:mode", 01777);
		files(shared.resolve("pm.db")).prepare();
		assertThat(shared.resolve("pm.db")).exists();
	}

	@Test
	void directoryOfAnotherUserIsRefused() throws IOException {
		Path theirs = Files.createDirectory(this.dir.resolve("theirs"));
		Files.setAttribute(theirs, "unix:uid", NOBODY);
		assertThatExceptionOfType(DatabaseException.class).isThrownBy(() -> files(theirs.resolve("pm.db")).prepare())
			.withMessageContaining("The directory " + theirs + " of database")
			.withMessageContaining("belongs to user '");
	}

	@ParameterizedTest
	@ValueSource(strings = { "r-x------", "rw-------" })
	void directoryItsOwnerMayNotWriteOrSearchIsPermissionDeniedWithTheModeNeeded(String mode) throws IOException {
		Path closed = Files.createDirectory(this.dir.resolve("closed"));
		Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString(mode));
		assertThatExceptionOfType(DatabaseException.class).isThrownBy(() -> files(closed.resolve("pm.db")).prepare())
			.withMessageContaining("Permission denied: the directory " + closed)
			.withMessageContaining("has mode " + mode)
			.withMessageContaining("chmod u+rwx " + closed);
	}

	@Test
	void directoryOfRootServesEveryUser() throws IOException {
		Path file = this.dir.resolve("pm.db");
		Files.setAttribute(this.dir, "unix:uid", 0);
		new DatabaseFiles(file, true, PosixFilePermissions.fromString("rw-------"), 4242).prepare();
		assertThat(file).exists();
	}

	@Test
	void cleanCloseRecordOfAnUnchangedFileIsTakenOnceAndOnlyWhenItMatches() throws IOException {
		Path file = create("pm.db", "rw-------");
		DatabaseFiles files = files(file);
		assertThat(files.takeCleanCloseRecord()).isEmpty();
		CleanClose cleanClose = new CleanClose(Instant.ofEpochMilli(1_700_000_000_000L), IntegrityCheck.FULL,
				new CleanClose.Schema("2", "8f3a-120"));
		files.recordCleanClose(cleanClose);
		assertThat(permissions(this.dir.resolve("pm.db-pmdb"))).isEqualTo("rw-------");
		assertThat(files.takeCleanCloseRecord()).hasValue(cleanClose);
		// Taken: a crash from now on must not look like a clean close.
		assertThat(files.takeCleanCloseRecord()).isEmpty();
		files.recordCleanClose(cleanClose);
		Files.writeString(file, "changed");
		assertThat(files.takeCleanCloseRecord()).isEmpty();
	}

	@Test
	void cleanCloseRecordThatAnotherProcessTookBetweenTheLookAndTheReadIsNoRecord() throws IOException {
		DatabaseFiles files = files(create("pm.db", "rw-------"));
		// Seen, then gone when read: as when another process opening the same file took
		// it first (a dangling link makes the moment last).
		Files.createSymbolicLink(this.dir.resolve("pm.db-pmdb"), this.dir.resolve("taken"));
		assertThat(files.takeCleanCloseRecord()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "-wal", "-shm" })
	void companionThatAnotherProcessDeletesAsStartUpLooksAtItIsNoCompanion(String suffix, CapturedOutput output)
			throws IOException {
		Path file = create("pm.db", "rw-------");
		Path companion = create("pm.db" + suffix, "rw-rw-rw-");
		// Seen by the caller's listing, gone when looked at: as when another process's
		// last close deletes its -wal and -shm at that moment.
		DatabaseFiles files = new DatabaseFiles(file, true, PosixFilePermissions.fromString("rw-------")) {
			@Override
			Optional<Map<String, Object>> lookAt(Path path, LinkOption... options) {
				if (path.equals(companion)) {
					deleteIfExists(path);
				}
				return super.lookAt(path, options);
			}
		};
		files.prepare();
		files.tightenPermissions();
		assertThat(output).doesNotContain(companion.toString());
	}

	@Test
	void companionDeletedBetweenTheLookAndTheTighteningIsNothingToTighten(CapturedOutput output) throws IOException {
		Path file = create("pm.db", "rw-------");
		Path wal = create("pm.db-wal", "rw-rw-rw-");
		DatabaseFiles files = new DatabaseFiles(file, true, PosixFilePermissions.fromString("rw-------")) {
			@Override
			Optional<Map<String, Object>> lookAt(Path path, LinkOption... options) {
				Optional<Map<String, Object>> attributes = super.lookAt(path, options);
				if (path.equals(wal)) {
					deleteIfExists(path);
				}
				return attributes;
			}
		};
		files.tightenPermissions();
		assertThat(wal).doesNotExist();
		assertThat(output).doesNotContain(wal.toString());
	}

	@Test
	void cleanCloseRecordWithoutASchemaStillTellsTheCheck() throws IOException {
		DatabaseFiles files = files(create("pm.db", "rw-------"));
		CleanClose cleanClose = new CleanClose(Instant.ofEpochMilli(1_700_000_000_000L), IntegrityCheck.QUICK, null);
		files.recordCleanClose(cleanClose);
		assertThat(files.takeCleanCloseRecord()).hasValue(cleanClose);
	}

	@ParameterizedTest
	@CsvSource({ "FULL, FULL, true", "FULL, QUICK, true", "QUICK, QUICK, true", "QUICK, FULL, false" })
	void cleanCloseRecordSkipsOnlyAsMuchCheckingAsItsCheckDid(IntegrityCheck recorded, IntegrityCheck required,
			boolean skipped) {
		Instant checked = Instant.ofEpochMilli(1_700_000_000_000L);
		assertThat(new CleanClose(checked, recorded, null).checkedCovering(required).isPresent()).isEqualTo(skipped);
	}

	@Test
	void cleanCloseRecordThatIsNotOneOfOursIsNoReasonToSkipAnything() throws IOException {
		Path file = create("pm.db", "rw-------");
		DatabaseFiles files = files(file);
		files.recordCleanClose(new CleanClose(Instant.now(), IntegrityCheck.FULL, null));
		Path record = this.dir.resolve("pm.db-pmdb");
		String stamp = Files.readAllLines(record).get(0);
		Files.writeString(record, stamp + "\nyesterday\n");
		assertThat(files.takeCleanCloseRecord()).isEmpty();
		Files.writeString(record, stamp + "\n");
		assertThat(files.takeCleanCloseRecord()).isEmpty();
		Files.writeString(record, stamp + "\nyesterday\nFULL\n");
		assertThat(files.takeCleanCloseRecord()).isEmpty();
		Files.writeString(record, stamp + "\n1700000000000\nSOMETHING\n");
		assertThat(files.takeCleanCloseRecord()).isEmpty();
		Files.writeString(record, stamp + "\n1700000000000\nFULL\nschema 2 8f3a-120\nmore\n");
		assertThat(files.takeCleanCloseRecord()).isEmpty();
		assertThat(record).doesNotExist();
	}

	@ParameterizedTest
	@ValueSource(strings = { "schema 2", "schema 2 8f3a-120 more", "version 2 8f3a-120", "" })
	void cleanCloseRecordWithASchemaLineThatIsNotOneOfOursHasNoSchema(String line) throws IOException {
		Path file = create("pm.db", "rw-------");
		DatabaseFiles files = files(file);
		files.recordCleanClose(new CleanClose(Instant.ofEpochMilli(1_700_000_000_000L), IntegrityCheck.FULL, null));
		Path record = this.dir.resolve("pm.db-pmdb");
		Files.writeString(record, Files.readString(record) + line + "\n");
		assertThat(files.takeCleanCloseRecord())
			.hasValue(new CleanClose(Instant.ofEpochMilli(1_700_000_000_000L), IntegrityCheck.FULL, null));
	}

	@Test
	void schemaOfACleanCloseMatchesOnlyTheSameLatestVersionAndMigrations() {
		CleanClose.Schema schema = new CleanClose.Schema("2", "8f3a-120");
		assertThat(schema.matches(MigrationVersion.fromVersion("2"), "8f3a-120")).isTrue();
		assertThat(schema.matches(MigrationVersion.fromVersion("3"), "8f3a-120")).isFalse();
		assertThat(schema.matches(MigrationVersion.fromVersion("2"), "8f3a-121")).isFalse();
		assertThat(schema.matches(null, "8f3a-120")).isFalse();
	}

	private static void deleteIfExists(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private DatabaseFiles files(Path file) {
		return new DatabaseFiles(file, true, PosixFilePermissions.fromString("rw-------"));
	}

	private Path create(String name, String permissions) throws IOException {
		Path file = this.dir.resolve(name);
		Files.createFile(file);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
		return file;
	}

}
