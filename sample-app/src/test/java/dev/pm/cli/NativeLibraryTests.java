package dev.pm.cli;

import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteJDBCLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extracted native library is named after sqlite-jdbc's version, read as sqlite-jdbc
 * reads it.
 */
class NativeLibraryTests {

	@Test
	void theVersionIsTheOneSqliteJdbcReports() {
		assertThat(NativeLibrary.sqliteJdbcVersion()).isEqualTo(SQLiteJDBCLoader.getVersion()).matches("[0-9.]+");
	}

}
