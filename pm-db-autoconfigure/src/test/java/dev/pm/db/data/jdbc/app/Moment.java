package dev.pm.db.data.jdbc.app;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An aggregate of every {@code java.time} type pm-db's dialect stores, and decimals.
 */
@Table("moment")
public class Moment {

	@Id
	private Long id;

	private Instant at;

	@CreatedDate
	private Instant created;

	private LocalDate day;

	private LocalDateTime localAt;

	private OffsetDateTime offsetAt;

	private LocalTime timeOfDay;

	private BigDecimal price;

	private BigDecimal numericPrice;

	public Long getId() {
		return this.id;
	}

	public Instant getAt() {
		return this.at;
	}

	public Moment setAt(Instant at) {
		this.at = at;
		return this;
	}

	public Instant getCreated() {
		return this.created;
	}

	public LocalDate getDay() {
		return this.day;
	}

	public Moment setDay(LocalDate day) {
		this.day = day;
		return this;
	}

	public LocalDateTime getLocalAt() {
		return this.localAt;
	}

	public Moment setLocalAt(LocalDateTime localAt) {
		this.localAt = localAt;
		return this;
	}

	public OffsetDateTime getOffsetAt() {
		return this.offsetAt;
	}

	public Moment setOffsetAt(OffsetDateTime offsetAt) {
		this.offsetAt = offsetAt;
		return this;
	}

	public LocalTime getTimeOfDay() {
		return this.timeOfDay;
	}

	public Moment setTimeOfDay(LocalTime timeOfDay) {
		this.timeOfDay = timeOfDay;
		return this;
	}

	public BigDecimal getPrice() {
		return this.price;
	}

	public Moment setPrice(BigDecimal price) {
		this.price = price;
		return this;
	}

	public BigDecimal getNumericPrice() {
		return this.numericPrice;
	}

	public Moment setNumericPrice(BigDecimal numericPrice) {
		this.numericPrice = numericPrice;
		return this;
	}

}
