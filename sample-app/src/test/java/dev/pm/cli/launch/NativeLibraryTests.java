package dev.pm.cli.launch;

import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteJDBCLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extracted native library is named after the version of sqlite-jdbc that the build
 * wrote into pm's jar, which is the one sqlite-jdbc reports.
 */
class NativeLibraryTests {

	@Test
	void theVersionIsTheOneSqliteJdbcReports() {
		assertThat(NativeLibrary.sqliteJdbcVersion()).isEqualTo(SQLiteJDBCLoader.getVersion()).matches("[0-9.]+");
	}

}
