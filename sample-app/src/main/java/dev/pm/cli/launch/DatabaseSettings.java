package dev.pm.cli.launch;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.pm.cli.plan.PlanException;

/**
 * The database named by {@code pm}'s environment variables, as Spring properties.
 * {@code PM_DB_URL} names a PostgreSQL database ({@code jdbc:postgresql://HOST/NAME}, the
 * user and password from {@code PM_DB_USER} and {@code PM_DB_PASSWORD} or in the URL):
 * pm-db steps aside and Spring Boot's own JDBC and Flyway serve it, with the same
 * migration locations. {@code PM_DB_URL=jdbc:sqlite:PATH} is the same as
 * {@code PM_DB_PATH=PATH}. ({@code PM_DB_PATH} itself reaches {@code pm.db.path} through
 * Spring's relaxed binding, as {@code PM_DB_REPLICATION_TARGET} reaches
 * {@code pm.db.replication.target}.)
 */
public final class DatabaseSettings {

	static final String URL = "PM_DB_URL";

	private static final String USER = "PM_DB_USER";

	private static final String PASSWORD = "PM_DB_PASSWORD";

	private static final String PATH = "PM_DB_PATH";

	static final String REPLICATION_TARGET = "PM_DB_REPLICATION_TARGET";

	private static final String SPRING_URL = "SPRING_DATASOURCE_URL";

	private static final String SQLITE = "jdbc:sqlite:";

	private static final String POSTGRESQL = "jdbc:postgresql:";

	private DatabaseSettings() {
	}

	/**
	 * Returns whether the environment variables name a server database rather than an
	 * SQLite file: then beans other than pm-db's serve it, and the application must not
	 * start from the initialisation generated ahead of time, which holds pm-db's.
	 * @param environment the environment variables
	 * @return {@code true} for a {@code PM_DB_URL} other than {@code jdbc:sqlite:}
	 */
	public static boolean namesServerDatabase(Map<String, String> environment) {
		String url = environment.get(URL);
		return url != null && !url.isBlank() && !url.startsWith(SQLITE);
	}

	/**
	 * Returns whether the environment variables change which beans exist, so that the
	 * application must not start from the initialisation generated ahead of time (for
	 * pm-db on SQLite, without replication): a server database, or a replication target
	 * (whose replicator would otherwise be missing, silently).
	 * @param environment the environment variables
	 * @return whether they name a server database or a replication target
	 */
	public static boolean changeWhichBeansExist(Map<String, String> environment) {
		return namesServerDatabase(environment) || isSet(environment.get(REPLICATION_TARGET));
	}

	/**
	 * Refuses Spring Boot's own {@code SPRING_DATASOURCE_URL}: pm's database is named by
	 * its own variables, which also set what a server database needs (Flyway's locations
	 * for it), and the initialisation generated ahead of time would ignore Spring's,
	 * silently.
	 * @param environment the environment variables
	 * @throws PlanException if {@code SPRING_DATASOURCE_URL} is set
	 */
	static void refuseSpringDataSource(Map<String, String> environment) {
		if (environment.containsKey(SPRING_URL)) {
			throw new PlanException(SPRING_URL + " is Spring Boot's, not pm's: name the database with " + URL
					+ " (a PostgreSQL server) or " + PATH + " (an SQLite file), and unset " + SPRING_URL);
		}
	}

	/**
	 * Returns the properties that connect {@code pm} to the database of
	 * {@code PM_DB_URL}.
	 * @param environment the environment variables
	 * @return the properties, none without {@code PM_DB_URL}
	 * @throws PlanException if {@code PM_DB_URL} names another kind of database, or
	 * {@code PM_DB_PATH} names a database too
	 */
	static Map<String, String> properties(Map<String, String> environment) {
		String url = environment.get(URL);
		if (url == null || url.isBlank()) {
			return Map.of();
		}
		String path = environment.get(PATH);
		if (path != null && !path.isBlank()) {
			throw new PlanException(PATH + " and " + URL + " both name the database; unset one of them");
		}
		if (url.startsWith(SQLITE)) {
			return sqlite(url);
		}
		if (!url.startsWith(POSTGRESQL)) {
			throw new PlanException(URL + " names neither a PostgreSQL database (jdbc:postgresql://HOST[:PORT]/NAME)"
					+ " nor an SQLite file (jdbc:sqlite:PATH): " + withoutParameters(url));
		}
		if (isSet(environment.get(REPLICATION_TARGET))) {
			throw new PlanException(REPLICATION_TARGET + " replicates an SQLite database, and " + URL + " names a"
					+ " PostgreSQL one: replicate it with the server's own replication, and unset "
					+ REPLICATION_TARGET);
		}
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", url);
		putIfSet(properties, "spring.datasource.username", environment.get(USER));
		putIfSet(properties, "spring.datasource.password", environment.get(PASSWORD));
		// One list of locations for both databases: {vendor} is sqlite there, postgresql
		// here.
		properties.put("spring.flyway.locations", "${pm.db.migration.locations}");
		return properties;
	}

	private static Map<String, String> sqlite(String url) {
		String path = url.substring(SQLITE.length());
		if (path.isEmpty() || path.contains("?") || path.startsWith("file:")) {
			throw new PlanException(URL + " names an SQLite database by a plain path (jdbc:sqlite:/path/to/pm.db),"
					+ " without options; it is " + withoutParameters(url));
		}
		return Map.of("pm.db.path", path);
	}

	private static boolean isSet(String value) {
		return value != null && !value.isBlank();
	}

	private static void putIfSet(Map<String, String> properties, String name, String value) {
		if (value != null && !value.isEmpty()) {
			properties.put(name, value);
		}
	}

	// Parameters may hold a password.
	private static String withoutParameters(String url) {
		int parameters = url.indexOf('?');
		return (parameters < 0) ? url : url.substring(0, parameters) + "?…";
	}

}
