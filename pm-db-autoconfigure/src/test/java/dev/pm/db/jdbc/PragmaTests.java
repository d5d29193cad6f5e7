package dev.pm.db.jdbc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PragmaTests {

	@Test
	void keywordsAreExpectedAsTheNumbersSqliteReports() {
		assertThat(Pragma.of("synchronous", "NORMAL").expected()).isEqualTo("1");
		assertThat(Pragma.of("temp_store", "memory").expected()).isEqualTo("2");
		assertThat(Pragma.of("temp_store", "default").expected()).isEqualTo("0");
		assertThat(Pragma.of("auto_vacuum", "incremental").expected()).isEqualTo("2");
		assertThat(Pragma.of("foreign_keys", "on").expected()).isEqualTo("1");
		assertThat(Pragma.of("recursive_triggers", "false").expected()).isEqualTo("0");
		assertThat(Pragma.of("cell_size_check", "yes").expected()).isEqualTo("1");
		assertThat(Pragma.of("trusted_schema", "no").expected()).isEqualTo("0");
		assertThat(Pragma.of("legacy_alter_table", "TRUE").expected()).isEqualTo("1");
		assertThat(Pragma.of("locking_mode", "EXCLUSIVE").expected()).isEqualTo("exclusive");
		assertThat(Pragma.of("cache_size", "-20000").expected()).isEqualTo("-20000");
	}

	@Test
	void quotedStringsAreComparedWithoutQuotes() {
		assertThat(Pragma.of("encoding", "'UTF-8'").expected()).isEqualTo("utf-8");
	}

	@Test
	void expectingNormalisesTheReportedValue() {
		assertThat(Pragma.expecting("journal_mode", "wal", "MEMORY").expected()).isEqualTo("memory");
	}

	@Test
	void statementsSetAndReadThePragma() {
		Pragma pragma = Pragma.of("cache_size", "-20000");
		assertThat(pragma.setStatement()).isEqualTo("PRAGMA cache_size = -20000");
		assertThat(pragma.readStatement()).isEqualTo("PRAGMA cache_size");
	}

	@Test
	void refusesNamesAndValuesThatCouldInjectSql() {
		assertThatIllegalArgumentException().isThrownBy(() -> Pragma.of("cache_size; DROP TABLE x", "1"))
			.withMessageContaining("is not a PRAGMA name");
		assertThatIllegalArgumentException().isThrownBy(() -> Pragma.of("cache_size", "1; DROP TABLE x"))
			.withMessageContaining("is not a PRAGMA value");
		assertThatIllegalArgumentException().isThrownBy(() -> Pragma.of("encoding", "'a'; DROP TABLE x; '"));
	}

}
