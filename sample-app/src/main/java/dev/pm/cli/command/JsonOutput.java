package dev.pm.cli.command;

import java.io.PrintWriter;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints values as JSON for scripts. The mapper is built on first use so that commands
 * without {@code --json} do not pay for it at start-up.
 */
final class JsonOutput {

	private static final class Mapper {

		// Enums print as their toString(): TaskStatus.IN_PROGRESS is "in_progress", as
		// users write it.
		static final JsonMapper INSTANCE = JsonMapper.builder()
			.enable(SerializationFeature.INDENT_OUTPUT)
			.enable(EnumFeature.WRITE_ENUMS_USING_TO_STRING)
			.build();

	}

	private static final class LineMapper {

		// One value a line, for a stream of values (pm history --follow --json).
		static final JsonMapper INSTANCE = JsonMapper.builder().enable(EnumFeature.WRITE_ENUMS_USING_TO_STRING).build();

	}

	private JsonOutput() {
	}

	static void print(PrintWriter out, Object value) {
		out.println(write(value));
	}

	static String write(Object value) {
		return Mapper.INSTANCE.writeValueAsString(value);
	}

	static String line(Object value) {
		return LineMapper.INSTANCE.writeValueAsString(value);
	}

}
