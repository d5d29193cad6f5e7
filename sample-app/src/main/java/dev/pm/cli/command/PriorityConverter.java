package dev.pm.cli.command;

import dev.pm.cli.plan.Task;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A priority, 1 (highest) to 10, checked while parsing: a usage error, before the database opens.
 */
final class PriorityConverter implements ITypeConverter<Integer> {

	@Override
	public Integer convert(String value) {
		try {
			int priority = Integer.parseInt(value.strip());
			if (priority >= Task.HIGHEST_PRIORITY && priority <= Task.LOWEST_PRIORITY) {
				return priority;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below, with the range.
		}
		throw new TypeConversionException("'" + value + "' is not a priority from " + Task.HIGHEST_PRIORITY
				+ " (highest) to " + Task.LOWEST_PRIORITY);
	}

}
