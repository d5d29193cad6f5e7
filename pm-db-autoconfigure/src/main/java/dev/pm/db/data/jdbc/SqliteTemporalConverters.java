package dev.pm.db.data.jdbc;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;

import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;

/**
 * How {@code java.time} values are stored in SQLite, which has no date type: as ISO-8601
 * text, with nine digits of fraction so that no nanosecond is lost and text order is time
 * order ({@code Instant} in UTC, {@code OffsetDateTime} with its own offset). SQLite's
 * date functions read that text.
 * <p>
 * Reading accepts more: text with a space for the {@code T} and without fraction, as
 * SQLite's {@code CURRENT_TIMESTAMP} writes it (UTC), and integers of epoch milliseconds,
 * as sqlite-jdbc stores a {@code java.sql.Timestamp} or {@code Date} (which is how Spring
 * Data JDBC wrote these types before the dialect had converters), in the JVM's zone where
 * the type has none, as {@code Timestamp} does.
 */
final class SqliteTemporalConverters {

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSSSSS");

	private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX");

	private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
		.append(DateTimeFormatter.ISO_LOCAL_DATE)
		.optionalStart()
		.appendLiteral('T')
		.optionalEnd()
		.optionalStart()
		.appendLiteral(' ')
		.optionalEnd()
		.append(DateTimeFormatter.ISO_LOCAL_TIME)
		.optionalStart()
		.appendOffsetId()
		.optionalEnd()
		.toFormatter();

	private SqliteTemporalConverters() {
	}

	static List<Object> all() {
		return List.of(InstantToText.INSTANCE, TextToInstant.INSTANCE, MillisToInstant.INSTANCE,
				LocalDateToText.INSTANCE, TextToLocalDate.INSTANCE, MillisToLocalDate.INSTANCE,
				LocalDateTimeToText.INSTANCE, TextToLocalDateTime.INSTANCE, MillisToLocalDateTime.INSTANCE,
				LocalTimeToText.INSTANCE, TextToLocalTime.INSTANCE, MillisToLocalTime.INSTANCE,
				OffsetDateTimeToText.INSTANCE, TextToOffsetDateTime.INSTANCE);
	}

	// Text without an offset is UTC, as SQLite's date functions write it.
	private static OffsetDateTime offsetDateTime(String text) {
		TemporalAccessor parsed = READ.parse(text);
		return parsed.isSupported(ChronoField.OFFSET_SECONDS) ? OffsetDateTime.from(parsed)
				: LocalDateTime.from(parsed).atOffset(ZoneOffset.UTC);
	}

	private static LocalDateTime localDateTime(Number epochMillis) {
		return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis.longValue()), ZoneId.systemDefault());
	}

	@WritingConverter
	enum InstantToText implements Converter<Instant, String> {

		INSTANCE;

		@Override
		public String convert(Instant source) {
			return OFFSET.format(source.atOffset(ZoneOffset.UTC));
		}

	}

	@ReadingConverter
	enum TextToInstant implements Converter<String, Instant> {

		INSTANCE;

		@Override
		public Instant convert(String source) {
			return offsetDateTime(source).toInstant();
		}

	}

	@ReadingConverter
	enum MillisToInstant implements Converter<Number, Instant> {

		INSTANCE;

		@Override
		public Instant convert(Number source) {
			return Instant.ofEpochMilli(source.longValue());
		}

	}

	@WritingConverter
	enum LocalDateToText implements Converter<LocalDate, String> {

		INSTANCE;

		@Override
		public String convert(LocalDate source) {
			return DateTimeFormatter.ISO_LOCAL_DATE.format(source);
		}

	}

	@ReadingConverter
	enum TextToLocalDate implements Converter<String, LocalDate> {

		INSTANCE;

		@Override
		public LocalDate convert(String source) {
			return LocalDate.parse(source);
		}

	}

	@ReadingConverter
	enum MillisToLocalDate implements Converter<Number, LocalDate> {

		INSTANCE;

		@Override
		public LocalDate convert(Number source) {
			return localDateTime(source).toLocalDate();
		}

	}

	@WritingConverter
	enum LocalDateTimeToText implements Converter<LocalDateTime, String> {

		INSTANCE;

		@Override
		public String convert(LocalDateTime source) {
			return LOCAL.format(source);
		}

	}

	@ReadingConverter
	enum TextToLocalDateTime implements Converter<String, LocalDateTime> {

		INSTANCE;

		@Override
		public LocalDateTime convert(String source) {
			return LocalDateTime.from(READ.parse(source));
		}

	}

	@ReadingConverter
	enum MillisToLocalDateTime implements Converter<Number, LocalDateTime> {

		INSTANCE;

		@Override
		public LocalDateTime convert(Number source) {
			return localDateTime(source);
		}

	}

	@WritingConverter
	enum LocalTimeToText implements Converter<LocalTime, String> {

		INSTANCE;

		@Override
		public String convert(LocalTime source) {
			return TIME.format(source);
		}

	}

	@ReadingConverter
	enum TextToLocalTime implements Converter<String, LocalTime> {

		INSTANCE;

		@Override
		public LocalTime convert(String source) {
			return LocalTime.parse(source);
		}

	}

	// A Timestamp of a LocalTime carries the day it was written on.
	@ReadingConverter
	enum MillisToLocalTime implements Converter<Number, LocalTime> {

		INSTANCE;

		@Override
		public LocalTime convert(Number source) {
			return localDateTime(source).toLocalTime();
		}

	}

	@WritingConverter
	enum OffsetDateTimeToText implements Converter<OffsetDateTime, String> {

		INSTANCE;

		@Override
		public String convert(OffsetDateTime source) {
			return OFFSET.format(source);
		}

	}

	@ReadingConverter
	enum TextToOffsetDateTime implements Converter<String, OffsetDateTime> {

		INSTANCE;

		@Override
		public OffsetDateTime convert(String source) {
			return offsetDateTime(source);
		}

	}

}
