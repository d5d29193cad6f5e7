package dev.pm.cli.command;

import dev.pm.cli.plan.Priorities;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A priority, 1 (highest) to 10, checked while parsing: a usage error, before the
 * database opens.
 */
final class PriorityConverter implements ITypeConverter<Integer> {

	@Override
	public Integer convert(String value) {
		Integer priority = Priorities.parse(value);
		if (priority == null) {
			throw new TypeConversionException("'" + value + "' is not a priority from " + Priorities.RANGE);
		}
		return priority;
	}

}
