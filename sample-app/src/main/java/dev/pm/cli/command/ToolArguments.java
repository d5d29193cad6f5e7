package dev.pm.cli.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.pm.cli.plan.KeyFormat;
import dev.pm.cli.plan.PlanException;
import dev.pm.cli.plan.SingleLine;
import dev.pm.cli.plan.TaskStatus;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.TypeConversionException;

/**
 * The arguments of one call of a {@code pm mcp} tool, read with the checks the command
 * line's options have: a malformed value is a {@link PlanException} that names the
 * argument, which the tool reports as its error.
 */
final class ToolArguments {

	private final Map<String, Object> arguments;

	ToolArguments(@Nullable Map<String, Object> arguments) {
		this.arguments = (arguments != null) ? arguments : Map.of();
	}

	/** Text of one line (an agent, a title, notes), or {@code null} if not given. */
	@Nullable String line(String name) {
		return SingleLine.require(text(name), "'" + name + "'");
	}

	/** Text that may have line breaks (a description), or {@code null} if not given. */
	@Nullable String text(String name) {
		Object value = this.arguments.get(name);
		if (value == null || value instanceof String) {
			return (String) value;
		}
		throw invalid(name, "a string");
	}

	/** One line of text that must be given. */
	String requiredLine(String name) {
		String value = line(name);
		if (value == null || value.isBlank()) {
			throw new PlanException("'" + name + "' is required");
		}
		return value;
	}

	@Nullable Integer integer(String name) {
		Object value = this.arguments.get(name);
		if (value == null) {
			return null;
		}
		if (value instanceof Number number && number.doubleValue() == number.intValue()) {
			return number.intValue();
		}
		throw invalid(name, "a whole number");
	}

	boolean flag(String name) {
		Object value = this.arguments.get(name);
		if (value == null || value instanceof Boolean) {
			return Boolean.TRUE.equals(value);
		}
		throw invalid(name, "true or false");
	}

	List<String> lines(String name) {
		Object value = this.arguments.get(name);
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof List<?> list)) {
			throw invalid(name, "a list of strings");
		}
		List<String> lines = new ArrayList<>();
		for (Object item : list) {
			if (!(item instanceof String line)) {
				throw invalid(name, "a list of strings");
			}
			lines.add(SingleLine.require(line, "'" + name + "'"));
		}
		return lines;
	}

	/** A task key that must be given, checked as {@code pm task ... KEY} checks it. */
	String taskKey(String name) {
		return KeyFormat.TASK.require(requiredLine(name));
	}

	@Nullable String epicKey(String name) {
		String value = line(name);
		return (value != null) ? KeyFormat.EPIC.require(value) : null;
	}

	@Nullable String featureKey(String name) {
		String value = line(name);
		return (value != null) ? KeyFormat.FEATURE.require(value) : null;
	}

	List<String> taskKeys(String name) {
		return lines(name).stream().map(KeyFormat.TASK::require).toList();
	}

	List<TaskStatus> statuses(String name) {
		List<TaskStatus> statuses = new ArrayList<>();
		for (String value : lines(name)) {
			try {
				statuses.add(TaskStatus.of(value));
			}
			catch (IllegalArgumentException ex) {
				throw new PlanException("'" + name + "': " + ex.getMessage());
			}
		}
		return statuses;
	}

	/**
	 * A lease as {@code --lease} takes it ({@code 30m}, {@code none}), or {@code null}.
	 */
	@Nullable Duration lease(String name) {
		String value = line(name);
		return (value != null) ? convert(name, () -> new LeaseDuration.Converter().convert(value)) : null;
	}

	/** A time as {@code pm history --since} takes it, or {@code null}. */
	@Nullable String since(String name) {
		String value = line(name);
		return (value != null) ? convert(name, () -> new HistoryCommand.SinceConverter().convert(value)) : null;
	}

	private static <T> T convert(String name, Supplier<T> conversion) {
		try {
			return conversion.get();
		}
		catch (TypeConversionException ex) {
			throw new PlanException("'" + name + "': " + ex.getMessage());
		}
	}

	private static PlanException invalid(String name, String expected) {
		return new PlanException("'" + name + "' must be " + expected);
	}

}
