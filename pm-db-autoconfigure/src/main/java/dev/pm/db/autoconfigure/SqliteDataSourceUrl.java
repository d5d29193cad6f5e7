package dev.pm.db.autoconfigure;

import java.util.Objects;

import dev.pm.db.DatabasePath;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;

/**
 * An SQLite {@code spring.datasource.url}, which pm-db honours as the database's path: a
 * Spring Boot user who names the database there expects it to be used, not ignored.
 * Options in the URL are refused, since pm-db configures the connection from
 * {@code pm.db.*}; so is a {@code pm.db.path} that names another database.
 *
 * @author pm-db
 */
final class SqliteDataSourceUrl {

	private static final String PREFIX = "jdbc:sqlite:";

	private static final String PATH_PROPERTY = "pm.db.path";

	private SqliteDataSourceUrl() {
	}

	static boolean isSqlite(String url) {
		return url.startsWith(PREFIX);
	}

	/**
	 * Resolve the database from {@code spring.datasource.url} if it names an SQLite one,
	 * else from {@code pm.db.path}.
	 * @param properties the properties, left as they are
	 * @param environment where both properties are read
	 * @return the database pm-db opens
	 * @throws InvalidConfigurationPropertyValueException if the URL has options, or
	 * {@code pm.db.path} names another database
	 */
	static PmDbConnectionDetails connectionDetails(PmDbProperties properties, Environment environment) {
		@Nullable String url = environment.getProperty(OnSqliteDataSourceUrlCondition.URL_PROPERTY);
		if (url == null || !isSqlite(url)) {
			return new PmDbConnectionDetails(DatabasePath.of(properties.getPath()));
		}
		String path = pathOf(url);
		@Nullable String configured = Binder.get(environment).bind(PATH_PROPERTY, String.class).orElse(null);
		if (configured != null && !sameDatabase(configured, path)) {
			throw invalid(url, "it names " + path + " while " + PATH_PROPERTY + " names " + configured
					+ ". Set only one of them (pm-db uses either)");
		}
		return new PmDbConnectionDetails(DatabasePath.of(path));
	}

	private static String pathOf(String url) {
		String path = url.substring(PREFIX.length());
		if (path.isEmpty() || path.startsWith("file:") || path.indexOf('?') >= 0) {
			throw invalid(url,
					"pm-db takes a plain path from it, such as jdbc:sqlite:/var/lib/app/app.db or"
							+ " jdbc:sqlite::memory:, and configures the connection itself from pm.db.* properties"
							+ " (journal-mode, synchronous, busy-timeout, pragmas.*)");
		}
		return path;
	}

	// Both absolute and normalized; no file for :memory:.
	private static boolean sameDatabase(String configured, String path) {
		return Objects.equals(DatabasePath.of(configured).getFile(), DatabasePath.of(path).getFile());
	}

	private static InvalidConfigurationPropertyValueException invalid(String url, String reason) {
		return new InvalidConfigurationPropertyValueException(OnSqliteDataSourceUrlCondition.URL_PROPERTY, url, reason);
	}

}
