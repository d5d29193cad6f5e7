package dev.pm.db.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.pm.db.DatabaseException;
import dev.pm.db.DatabasePath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PragmaApplier} and the connections {@link SqliteDriver} opens.
 */
class PragmaApplierTests {

	@TempDir
	Path dir;

	@Test
	void setsEachPragmaAndReturnsWhatSqliteReportsForThoseThatReport() throws SQLException {
		PragmaApplier applier = new PragmaApplier(List.of(Pragma.of("journal_mode", "wal"),
				Pragma.of("synchronous", "normal"), Pragma.of("optimize", "65538")), file());
		try (Connection connection = driver().openWritable()) {
			assertThat(applier.apply(connection)).containsExactly(entry("journal_mode", "wal"),
					entry("synchronous", "1"));
		}
	}

	@Test
	void pragmaThatDoesNotTakeIsRefusedNamingTheDatabase() throws SQLException {
		// An in-memory database keeps its journal in memory, whatever is asked.
		PragmaApplier applier = new PragmaApplier(List.of(Pragma.of("journal_mode", "wal")), null);
		try (Connection connection = new SqliteDriver(DatabasePath.of(DatabasePath.IN_MEMORY), Duration.ofMillis(250))
			.openWritable()) {
			assertThatExceptionOfType(DatabaseException.class).isThrownBy(() -> applier.apply(connection))
				.withMessageContaining("PRAGMA journal_mode = wal did not take on database :memory:")
				.withMessageContaining("SQLite reports 'memory'");
		}
	}

	@Test
	void misspeltPragmaIsRefusedRatherThanIgnored() throws SQLException {
		PragmaApplier applier = new PragmaApplier(List.of(Pragma.of("foriegn_keys", "on")), file());
		try (Connection connection = driver().openWritable()) {
			assertThatExceptionOfType(DatabaseException.class).isThrownBy(() -> applier.apply(connection))
				.withMessageContaining("PRAGMA foriegn_keys (set on database " + file() + ")")
				.withMessageContaining("check its spelling");
		}
	}

	@Test
	void connectionsOfTheDriverWaitForLocksAsLongAsConfigured() throws SQLException {
		try (Connection connection = driver().openWritable();
				ResultSet busyTimeout = connection.createStatement().executeQuery("PRAGMA busy_timeout")) {
			assertThat(busyTimeout.next()).isTrue();
			assertThat(busyTimeout.getInt(1)).isEqualTo(250);
		}
	}

	private SqliteDriver driver() {
		return new SqliteDriver(DatabasePath.of(file().toString()), Duration.ofMillis(250));
	}

	private Path file() {
		return this.dir.resolve("pm.db");
	}

	private static Map.Entry<String, String> entry(String key, String value) {
		return Map.entry(key, value);
	}

}
