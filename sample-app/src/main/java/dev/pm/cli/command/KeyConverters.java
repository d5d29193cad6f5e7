package dev.pm.cli.command;

import dev.pm.cli.plan.KeyFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Checks the format of keys while parsing, so a mistyped key is a usage error (exit 2)
 * before the database is opened.
 */
final class KeyConverters {

	private KeyConverters() {
	}

	private static String convert(KeyFormat format, String value) {
		if (!format.matches(value)) {
			throw new TypeConversionException("'" + value + "' is not " + format.describe());
		}
		return value;
	}

	/** An epic key such as {@code E04}. */
	static final class EpicKey implements ITypeConverter<String> {

		@Override
		public String convert(String value) {
			return KeyConverters.convert(KeyFormat.EPIC, value);
		}

	}

	/** A feature key such as {@code E04-F01}. */
	static final class FeatureKey implements ITypeConverter<String> {

		@Override
		public String convert(String value) {
			return KeyConverters.convert(KeyFormat.FEATURE, value);
		}

	}

	/** A task key such as {@code T-E04-F01-002}. */
	static final class TaskKey implements ITypeConverter<String> {

		@Override
		public String convert(String value) {
			return KeyConverters.convert(KeyFormat.TASK, value);
		}

	}

}
