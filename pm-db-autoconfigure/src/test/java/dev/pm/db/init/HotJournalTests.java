package dev.pm.db.init;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

import dev.pm.db.DatabaseException;
import dev.pm.db.DatabasePath;
import dev.pm.db.jdbc.SqliteDriver;
import dev.pm.db.test.Databases;
import dev.pm.db.test.Databases.Snapshot;
import dev.pm.testing.output.ExpectedOutputExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The recovery of a transaction a crash interrupted; the crash itself is in
 * {@code ChildProcessTests}.
 */
@ExtendWith(ExpectedOutputExtension.class)
class HotJournalTests {

	@TempDir
	Path dir;

	@Test
	void fileThatIsNotADatabaseIsNotGivenToSqliteToRollBack() throws IOException {
		Path file = Files.writeString(this.dir.resolve("notes.txt"), "not a database, whatever lies beside it");
		Path journal = Files.writeString(this.dir.resolve("notes.txt-journal"), "a journal that asks for a rollback");
		Snapshot before = Databases.snapshot(file);
		assertThatExceptionOfType(DatabaseException.class).isThrownBy(() -> HotJournal.rollBack(dataSource(file)))
			.withMessageContaining(file + " is not an SQLite database");
		assertThat(Databases.snapshot(file)).isEqualTo(before);
		assertThat(journal).exists();
	}

	@Test
	void emptyFileIsADatabaseWithNothingCommittedYet(CapturedOutput output) throws SQLException, IOException {
		Path file = Files.createFile(this.dir.resolve("pm.db"));
		HotJournal.rollBack(dataSource(file));
		assertThat(file).isEmptyFile();
		assertThat(output).contains("Database " + file + " had a transaction interrupted by a crash");
	}

	@Test
	void databaseThatCannotBeReadIsAClearError() {
		assertThatExceptionOfType(DatabaseException.class).isThrownBy(() -> HotJournal.rollBack(dataSource(this.dir)))
			.withMessageContaining("Cannot read database file " + this.dir);
	}

	@Test
	void onlyWorkLeftByACrashIsAReasonToRecover() {
		assertThat(HotJournal.isReason(new SQLiteException("hot", SQLiteErrorCode.SQLITE_READONLY_ROLLBACK))).isTrue();
		assertThat(HotJournal.isReason(new SQLiteException("wal", SQLiteErrorCode.SQLITE_READONLY_RECOVERY))).isTrue();
		assertThat(HotJournal.isReason(new SQLiteException("busy", SQLiteErrorCode.SQLITE_BUSY))).isFalse();
	}

	@Test
	void failureThatRecoveryCouldNotCureSaysWhatItNeeds() {
		assertThat(HotJournal
			.hintFor(new SQLiteException("[SQLITE_READONLY_RECOVERY] x", SQLiteErrorCode.SQLITE_READONLY_RECOVERY)))
			.contains("-wal")
			.contains("write access");
		assertThat(HotJournal.hintFor(new SQLException("[SQLITE_BUSY] locked"))).isEmpty();
	}

	private static SqliteDriver dataSource(Path file) {
		return new SqliteDriver(DatabasePath.of(file.toString()), Duration.ofMillis(100));
	}

}
