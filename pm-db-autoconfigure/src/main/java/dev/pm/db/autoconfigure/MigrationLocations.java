package dev.pm.db.autoconfigure;

import java.util.List;

/**
 * Migration locations with Spring Boot's {@code {vendor}} placeholder resolved for
 * SQLite, so that one list of locations serves pm-db on SQLite and Spring Boot's Flyway
 * on a server database ({@code classpath:db/migration/{vendor}} is {@code .../sqlite}
 * here and {@code .../postgresql} there).
 *
 * @author pm-db
 */
final class MigrationLocations {

	// The id of Spring Boot's DatabaseDriver.SQLITE, which its Flyway uses for {vendor}.
	private static final String VENDOR = "sqlite";

	private MigrationLocations() {
	}

	static String[] onSqlite(List<String> locations) {
		return locations.stream().map((location) -> location.replace("{vendor}", VENDOR)).toArray(String[]::new);
	}

}
