package dev.pm.db.data.jdbc;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.TimeZone;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.pm.db.data.jdbc.app.DataJdbcApplication;
import dev.pm.db.data.jdbc.app.Moment;
import dev.pm.db.data.jdbc.app.MomentRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code java.time} type Spring Data JDBC maps comes back from SQLite as it was
 * saved, to the nanosecond and with its offset, around the daylight-saving changes of the
 * JVM's zone (Europe/Berlin: 2026-03-29 02:00 → 03:00, 2026-10-25 03:00 → 02:00).
 */
@SpringBootTest(classes = DataJdbcApplication.class)
class JavaTimeRoundTripTests {

	@TempDir
	static Path dir;

	private static TimeZone zone;

	@Autowired
	MomentRepository moments;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("pm.db.path", () -> dir.resolve("java-time.db").toString());
		registry.add("pm.db.migration.locations", () -> "classpath:db/datajdbc");
	}

	// A zone with daylight saving: in UTC a conversion through the JVM's zone could not
	// go
	// wrong.
	@BeforeAll
	static void zoneWithDaylightSaving() {
		zone = TimeZone.getDefault();
		TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
	}

	@AfterAll
	static void restoreZone() {
		TimeZone.setDefault(zone);
	}

	static Stream<Arguments> values() {
		return Stream
			.of(field("at", Moment::setAt, Moment::getAt, Instant.parse("2026-03-29T00:59:59.999999999Z"),
					Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-10-25T00:30:00.000000001Z"),
					Instant.parse("2026-10-25T01:30:00.123456789Z"), Instant.parse("1969-12-31T23:59:59.999999999Z")),
					field("day", Moment::setDay, Moment::getDay, LocalDate.parse("2026-03-29"),
							LocalDate.parse("2026-10-25"), LocalDate.parse("1969-12-31")),
					field("localAt", Moment::setLocalAt, Moment::getLocalAt,
							// 02:30 does not exist on 2026-03-29 and exists twice on
							// 2026-10-25.
							LocalDateTime.parse("2026-03-29T02:30:00.5"),
							LocalDateTime.parse("2026-10-25T02:30:00.000000001"),
							LocalDateTime.parse("2026-10-25T02:59:59.999999999")),
					field("offsetAt", Moment::setOffsetAt, Moment::getOffsetAt,
							// The same wall-clock time on both sides of the change, kept
							// apart by the offset.
							OffsetDateTime.parse("2026-10-25T02:30:00.000000001+02:00"),
							OffsetDateTime.parse("2026-10-25T02:30+01:00"),
							OffsetDateTime.parse("2026-03-29T01:59:59.999999999+01:00"),
							OffsetDateTime.parse("2026-03-29T07:45:00+05:45")),
					// A time that the JVM's zone skips on 2026-03-29.
					field("timeOfDay", Moment::setTimeOfDay, Moment::getTimeOfDay,
							LocalTime.parse("02:30:00.000000001"), LocalTime.MIDNIGHT, LocalTime.MAX))
			.flatMap((arguments) -> arguments);
	}

	@SafeVarargs
	private static <T> Stream<Arguments> field(String name, BiFunction<Moment, T, Moment> setter,
			Function<Moment, T> getter, T... values) {
		return Stream.of(values).map((value) -> Arguments.of(name, value, setter, getter));
	}

	@ParameterizedTest(name = "{0} = {1}")
	@MethodSource("values")
	<T> void javaTimeValueReadsBackAsSaved(String name, T value, BiFunction<Moment, T, Moment> setter,
			Function<Moment, T> getter) {
		Long id = this.moments.save(setter.apply(new Moment(), value)).getId();
		assertThat(getter.apply(this.moments.findById(id).orElseThrow())).isEqualTo(value);
	}

	@Test
	void storesEachTypeAsIso8601TextWithNineDigitsOfFraction() {
		Long id = this.moments
			.save(new Moment().setAt(Instant.parse("2026-03-29T01:00:00Z"))
				.setDay(LocalDate.parse("2026-03-29"))
				.setLocalAt(LocalDateTime.parse("2026-03-29T02:30:00.5"))
				.setOffsetAt(OffsetDateTime.parse("2026-10-25T02:30+01:00")))
			.getId();
		assertThat(this.jdbc.sql("SELECT at, day, local_at, offset_at, typeof(at) FROM moment WHERE id = ?")
			.param(id)
			.query((row, number) -> List.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
					row.getString(5)))
			.single()).containsExactly("2026-03-29T01:00:00.000000000Z", "2026-03-29", "2026-03-29T02:30:00.500000000",
					"2026-10-25T02:30:00.000000000+01:00", "text");
	}

	@Test
	void derivedQueryComparesInstantsInTimeOrder() {
		this.moments.deleteAll();
		List<Instant> instants = Stream
			.of("2026-03-29T01:00:00.000000001Z", "2026-03-29T00:59:59.999999999Z", "2026-03-29T01:00:00Z",
					"2026-03-28T23:00:00Z")
			.map(Instant::parse)
			.toList();
		instants.forEach((at) -> this.moments.save(new Moment().setAt(at)));
		assertThat(this.moments.findByAtBeforeOrderByAt(Instant.parse("2026-03-29T01:00:00.000000001Z")))
			.extracting(Moment::getAt)
			.containsExactly(instants.get(3), instants.get(1), instants.get(2));
	}

	@ParameterizedTest
	@ValueSource(strings = { "19.90", "12345678901234567890.12", "-0.000" })
	void decimalInATextColumnReadsBackWithItsScaleAndEveryDigit(String decimal) {
		BigDecimal price = new BigDecimal(decimal);
		Long id = this.moments.save(new Moment().setPrice(price)).getId();
		assertThat(this.moments.findById(id).orElseThrow().getPrice()).isEqualTo(price);
	}

	// What the README warns of: NUMERIC affinity turns the decimal's text into a REAL.
	@Test
	void decimalInANumericColumnLosesItsScaleAndDigitsBeyondADouble() {
		Long id = this.moments.save(new Moment().setNumericPrice(new BigDecimal("19.90"))).getId();
		assertThat(this.moments.findById(id).orElseThrow().getNumericPrice()).isEqualTo(new BigDecimal("19.9"));
		Long wide = this.moments.save(new Moment().setNumericPrice(new BigDecimal("12345678901234567890.12"))).getId();
		assertThat(this.moments.findById(wide).orElseThrow().getNumericPrice())
			.isNotEqualByComparingTo(new BigDecimal("12345678901234567890.12"));
	}

	@Test
	void createdDateReadsBackAsAuditingSetIt() {
		Moment saved = this.moments.save(new Moment());
		assertThat(saved.getCreated()).isNotNull();
		assertThat(this.moments.findById(saved.getId()).orElseThrow().getCreated()).isEqualTo(saved.getCreated());
	}

}
