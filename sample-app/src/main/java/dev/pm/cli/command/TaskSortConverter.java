package dev.pm.cli.command;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.pm.cli.plan.TaskSort;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --sort} as users write it: {@code priority}, not {@code PRIORITY}.
 */
final class TaskSortConverter implements ITypeConverter<TaskSort> {

	@Override
	public TaskSort convert(String value) {
		return Arrays.stream(TaskSort.values())
			.filter((sort) -> sort.toString().equals(value.strip().toLowerCase(Locale.ROOT)))
			.findFirst()
			.orElseThrow(() -> new TypeConversionException("unknown order '" + value + "' (expected one of "
					+ Arrays.stream(TaskSort.values()).map(TaskSort::toString).collect(Collectors.joining(", "))
					+ ")"));
	}

}
