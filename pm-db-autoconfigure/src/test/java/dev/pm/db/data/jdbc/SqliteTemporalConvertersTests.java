package dev.pm.db.data.jdbc;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dialect reads the forms other writers leave in SQLite: SQLite's own date functions
 * and the epoch milliseconds sqlite-jdbc stores for a {@code java.sql.Timestamp}.
 */
class SqliteTemporalConvertersTests {

	private final SingleConnectionDataSource dataSource = new SingleConnectionDataSource("jdbc:sqlite::memory:", true);

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	private final GenericConversionService conversions = new GenericConversionService();

	SqliteTemporalConvertersTests() {
		SqliteDialect.INSTANCE.getConverters()
			.forEach((converter) -> this.conversions.addConverter((Converter<?, ?>) converter));
	}

	@AfterEach
	void close() {
		this.dataSource.destroy();
	}

	@Test
	void sqliteDateFunctionsTextReadsAsUtc() {
		String sql = "SELECT datetime('2026-03-29 01:00:00')";
		assertThat(read(sql, Instant.class)).isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
		assertThat(read(sql, OffsetDateTime.class)).isEqualTo(OffsetDateTime.parse("2026-03-29T01:00:00Z"));
		assertThat(read(sql, LocalDateTime.class)).isEqualTo(LocalDateTime.parse("2026-03-29T01:00:00"));
		assertThat(read("SELECT date('2026-03-29 01:00:00')", LocalDate.class))
			.isEqualTo(LocalDate.parse("2026-03-29"));
		assertThat(read("SELECT time('2026-03-29 01:00:00')", LocalTime.class)).isEqualTo(LocalTime.parse("01:00"));
	}

	@Test
	void textWithAnOffsetReadsAsThatInstant() {
		assertThat(read("SELECT '2026-10-25T02:30:00.000000001+02:00'", Instant.class))
			.isEqualTo(Instant.parse("2026-10-25T00:30:00.000000001Z"));
	}

	@Test
	void sqliteJdbcTimestampMillisReadAsTheTimestampWouldInTheJvmZone() {
		Instant instant = Instant.parse("2026-03-29T01:00:00.123Z");
		LocalDateTime local = LocalDateTime.ofInstant(instant, ZoneId.systemDefault());
		String sql = "SELECT " + instant.toEpochMilli();
		assertThat(read(sql, Instant.class)).isEqualTo(instant);
		assertThat(read(sql, LocalDateTime.class)).isEqualTo(local);
		assertThat(read(sql, LocalDate.class)).isEqualTo(local.toLocalDate());
		// A LocalTime's Timestamp is of the day it was written on.
		assertThat(read(sql, LocalTime.class)).isEqualTo(local.toLocalTime());
	}

	@Test
	void writtenTextIsWhatSqliteDateFunctionsRead() {
		String at = this.conversions.convert(Instant.parse("2026-03-29T01:00:00.5Z"), String.class);
		String offsetAt = this.conversions.convert(OffsetDateTime.of(2026, 10, 25, 2, 30, 0, 0, ZoneOffset.ofHours(2)),
				String.class);
		assertThat(this.jdbc.queryForObject("SELECT strftime('%Y-%m-%d %H:%M:%f', ?)", String.class, at))
			.isEqualTo("2026-03-29 01:00:00.500");
		assertThat(this.jdbc.queryForObject("SELECT datetime(?)", String.class, offsetAt))
			.isEqualTo("2026-10-25 00:30:00");
	}

	private <T> T read(String sql, Class<T> type) {
		return this.conversions.convert(this.jdbc.queryForObject(sql, Object.class), type);
	}

}
