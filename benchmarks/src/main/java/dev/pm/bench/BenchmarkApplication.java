package dev.pm.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The smallest Spring Boot application with an {@link ItemStore}: what a user of the
 * starter writes, or, with pm-db excluded, what a user of Boot's own JDBC support writes.
 *
 * @author pm-db
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BenchmarkApplication {

	@Bean
	ItemStore itemStore(JdbcTemplate jdbcTemplate) {
		return new ItemStore(jdbcTemplate);
	}

	/**
	 * Start the application on pm-db.
	 * @param database the database file
	 * @param pmDbProperties further {@code pm.db.*} properties, without the prefix
	 * @param initializers initializers of the context, for example to time its beans
	 * @return the running application
	 */
	@SafeVarargs
	public static ConfigurableApplicationContext startStarter(Path database, Map<String, String> pmDbProperties,
			ApplicationContextInitializer<ConfigurableApplicationContext>... initializers) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("pm.db.path", database.toString());
		pmDbProperties.forEach((name, value) -> properties.put("pm.db." + name, value));
		return start(properties, initializers);
	}

	/**
	 * Start the application the way Spring Boot configures SQLite without pm-db: a
	 * HikariCP pool of 10 on sqlite-jdbc with the driver's defaults, WAL, and the given
	 * {@code synchronous}. Creates the schema.
	 * @param database the database file
	 * @param synchronous {@code normal} or {@code full}
	 * @return the running application
	 */
	public static ConfigurableApplicationContext startPooled(Path database, String synchronous) {
		return startPooled(database, synchronous, 10);
	}

	/**
	 * Start the application as {@link #startPooled(Path, String)} does, with a pool of
	 * {@code connections}.
	 * @param database the database file
	 * @param synchronous {@code normal} or {@code full}
	 * @param connections the pool's size
	 * @return the running application
	 */
	public static ConfigurableApplicationContext startPooled(Path database, String synchronous, int connections) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.autoconfigure.exclude", "dev.pm.db.autoconfigure.PmDbAutoConfiguration");
		properties.put("spring.datasource.url", "jdbc:sqlite:" + database);
		properties.put("spring.datasource.hikari.maximum-pool-size", Integer.toString(connections));
		properties.put("spring.datasource.hikari.data-source-properties.journal_mode", "WAL");
		properties.put("spring.datasource.hikari.data-source-properties.synchronous", synchronous.toUpperCase());
		ConfigurableApplicationContext context = start(properties);
		createSchema(context.getBean(JdbcTemplate.class));
		return context;
	}

	/**
	 * Start the application on Spring's plain {@link SingleConnectionDataSource} with the
	 * starter's PRAGMAs in the URL and Boot's own transaction manager and templates: what
	 * Spring costs on one connection without pm-db. Creates the schema.
	 * @param database the database file
	 * @param synchronous {@code normal} or {@code full}
	 * @return the running application
	 */
	public static ConfigurableApplicationContext startPlainSpring(Path database, String synchronous) {
		String url = "jdbc:sqlite:" + database + "?busy_timeout=5000&journal_mode=WAL&synchronous="
				+ synchronous.toUpperCase() + "&foreign_keys=true";
		ConfigurableApplicationContext context = start(new LinkedHashMap<>(),
				(starting) -> ((GenericApplicationContext) starting).registerBean("dataSource", DataSource.class,
						() -> new SingleConnectionDataSource(url, true)));
		createSchema(context.getBean(JdbcTemplate.class));
		return context;
	}

	private static void createSchema(JdbcTemplate jdbcTemplate) {
		for (String sql : Schema.statements()) {
			if (!sql.isBlank()) {
				jdbcTemplate.execute(sql);
			}
		}
	}

	@SafeVarargs
	private static ConfigurableApplicationContext start(Map<String, Object> properties,
			ApplicationContextInitializer<ConfigurableApplicationContext>... initializers) {
		properties.put("logging.level.root", "warn");
		properties.put("spring.main.register-shutdown-hook", "false");
		return new SpringApplicationBuilder(BenchmarkApplication.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(properties)
			.initializers(initializers)
			.run();
	}

}
