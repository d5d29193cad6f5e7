package dev.pm.testing.postgres;

import java.util.Map;

/**
 * A database of a {@link PostgresServer}, as an application connects to it.
 *
 * @param url its JDBC URL, without credentials
 * @param username the user
 * @param password the user's password
 * @author pm-db
 */
public record PostgresDatabase(String url, String username, String password) {

	/**
	 * Return Spring Boot's properties that connect an application to this database.
	 * @return {@code spring.datasource.url}, {@code username} and {@code password}
	 */
	public Map<String, String> springProperties() {
		return Map.of("spring.datasource.url", this.url, "spring.datasource.username", this.username,
				"spring.datasource.password", this.password);
	}

	/**
	 * Return the same properties as {@code name=value} pairs, for
	 * {@code withPropertyValues}.
	 * @return the pairs
	 */
	public String[] springPropertyPairs() {
		return springProperties().entrySet()
			.stream()
			.map((property) -> property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
	}

}
