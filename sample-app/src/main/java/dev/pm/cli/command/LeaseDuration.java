package dev.pm.cli.command;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pm.cli.plan.PlanException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How long a claim lasts without renewal, as {@code --lease} or {@code PM_CLAIM_LEASE}
 * give it: a whole number with a unit, {@code 90s}, {@code 30m}, {@code 2h} or
 * {@code 1d}; {@code none} for a claim that never expires.
 */
final class LeaseDuration {

	/** The environment variable of the default lease. */
	static final String VARIABLE = "PM_CLAIM_LEASE";

	private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,8})([smhd])");

	/** {@code none}: a claim without expiry. */
	static final Duration NONE = Duration.ZERO;

	private LeaseDuration() {
	}

	/**
	 * Returns the lease of a claim.
	 * @param flag {@code --lease}, or {@code null}
	 * @param environment the environment variables
	 * @return the lease, or {@code null} for a claim without expiry
	 * @throws PlanException naming {@code PM_CLAIM_LEASE} if its value is malformed
	 */
	static Duration resolve(Duration flag, Map<String, String> environment) {
		Duration lease = flag;
		if (lease == null) {
			String value = environment.get(VARIABLE);
			if (value == null || value.isBlank()) {
				return null;
			}
			lease = parse(value.strip());
			if (lease == null) {
				throw new PlanException(VARIABLE + "='" + value + "' is not a lease: " + form());
			}
		}
		return lease.isZero() ? null : lease;
	}

	/**
	 * Parses a lease.
	 * @param text such as {@code 30m} or {@code none}
	 * @return the lease, {@link #NONE} for none, or {@code null} if the text is malformed
	 */
	static Duration parse(String text) {
		if (text.equals("none")) {
			return NONE;
		}
		Matcher matcher = FORM.matcher(text);
		if (!matcher.matches()) {
			return null;
		}
		long amount = Long.parseLong(matcher.group(1));
		return switch (matcher.group(2)) {
			case "s" -> Duration.ofSeconds(amount);
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			default -> Duration.ofDays(amount);
		};
	}

	private static String form() {
		return "a whole number with s, m, h or d (such as 30m), or none";
	}

	/** {@code --lease}, checked while parsing. */
	static final class Converter implements ITypeConverter<Duration> {

		@Override
		public Duration convert(String value) {
			Duration lease = parse(value);
			if (lease == null) {
				throw new TypeConversionException("'" + value + "' is not a lease: " + form());
			}
			return lease;
		}

	}

}
