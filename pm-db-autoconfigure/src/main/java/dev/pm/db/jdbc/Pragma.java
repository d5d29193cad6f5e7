package dev.pm.db.jdbc;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One PRAGMA to set on every connection, with the value SQLite is expected to report when
 * it is read back.
 *
 * @param name the PRAGMA's name
 * @param value the value to set
 * @param expected the value {@code PRAGMA name} must report afterwards, normalised as
 * {@link #normalise(String, String)} does
 * @author pm-db
 * @since 0.1.0
 */
public record Pragma(String name, String value, String expected) {

	private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	// A number, a keyword or a single-quoted string: nothing that could end the
	// statement.
	private static final Pattern VALUE = Pattern.compile("-?[0-9]+|[A-Za-z_][A-Za-z0-9_]*|'[^';]*'");

	// PRAGMAs whose keywords SQLite reports back as numbers, in SQLite's numbering.
	private static final Map<String, List<String>> KEYWORD_NUMBERS = Map.of("synchronous",
			List.of("off", "normal", "full", "extra"), "temp_store", List.of("default", "file", "memory"),
			"auto_vacuum", List.of("none", "full", "incremental"), "secure_delete", List.of("off", "on", "fast"));

	/**
	 * Create a PRAGMA, checking that its name and value cannot inject SQL.
	 * @param name the PRAGMA's name
	 * @param value the value to set
	 * @param expected the normalised value it must read back as
	 * @throws IllegalArgumentException if the name or the value is malformed
	 */
	public Pragma {
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("'" + name + "' is not a PRAGMA name");
		}
		if (!VALUE.matcher(value).matches()) {
			throw new IllegalArgumentException(
					"'" + value + "' is not a PRAGMA value (a number, a keyword or a 'quoted string')");
		}
	}

	/**
	 * Create a PRAGMA that must read back as the value it sets.
	 * @param name the PRAGMA's name
	 * @param value the value to set
	 * @return the PRAGMA
	 */
	public static Pragma of(String name, String value) {
		return expecting(name, value, value);
	}

	/**
	 * Create a PRAGMA that reads back as something else than the value it sets.
	 * @param name the PRAGMA's name
	 * @param value the value to set
	 * @param reported the value SQLite reports afterwards
	 * @return the PRAGMA
	 */
	public static Pragma expecting(String name, String value, String reported) {
		return new Pragma(name, value, normalise(name, reported));
	}

	/**
	 * Normalise a PRAGMA value the way SQLite reports it back: lower case, without
	 * quotes, booleans and keywords as numbers.
	 * @param name the PRAGMA's name
	 * @param value the value as set or as read
	 * @return the normalised value
	 */
	public static String normalise(String name, String value) {
		String lower = value.toLowerCase(Locale.ROOT).replace("'", "");
		int keyword = KEYWORD_NUMBERS.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).indexOf(lower);
		if (keyword >= 0) {
			return Integer.toString(keyword);
		}
		return switch (lower) {
			case "on", "true", "yes" -> "1";
			case "off", "false", "no" -> "0";
			default -> lower;
		};
	}

	String setStatement() {
		return "PRAGMA " + this.name + " = " + this.value;
	}

	String readStatement() {
		return "PRAGMA " + this.name;
	}

}
