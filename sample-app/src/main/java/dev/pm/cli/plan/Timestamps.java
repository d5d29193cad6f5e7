package dev.pm.cli.plan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.stereotype.Component;

/**
 * The time stamps the plan records: ISO-8601 UTC instants to the second, such as
 * {@code 2026-11-30T04:05:06Z}, which sort as text.
 */
@Component
public class Timestamps {

	private final Clock clock;

	Timestamps() {
		this(Clock.systemUTC());
	}

	Timestamps(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Returns the time now.
	 * @return for example {@code 2026-11-30T04:05:06Z}
	 */
	public String now() {
		return Instant.now(this.clock).truncatedTo(ChronoUnit.SECONDS).toString();
	}

	/**
	 * Returns the time some duration after a time stamp.
	 * @param at a time stamp as {@link #now()} returns it
	 * @param duration how long after
	 * @return the later time stamp, in the same form
	 */
	public String after(String at, Duration duration) {
		return Instant.parse(at).plus(duration).truncatedTo(ChronoUnit.SECONDS).toString();
	}

}
