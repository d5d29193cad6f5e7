package dev.pm.cli.command;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring application of {@code pm}, started when a command first needs a bean and
 * closed (which closes the database) when the command is done.
 */
public final class LazyApplicationContext implements AutoCloseable {

	private final Class<?> application;

	private final Map<String, String> environment;

	private final Map<String, String> properties = new LinkedHashMap<>();

	private ConfigurableApplicationContext context;

	/**
	 * Creates a context that is not started yet.
	 * @param application the {@code @SpringBootApplication} class
	 */
	public LazyApplicationContext(Class<?> application) {
		this(application, System.getenv());
	}

	/**
	 * Creates a context that is not started yet, which sees other environment variables
	 * than the process has ({@code PM_AGENT}, {@code USER}); Spring still reads its own
	 * properties from the process.
	 * @param application the {@code @SpringBootApplication} class
	 * @param environment the environment variables
	 */
	public LazyApplicationContext(Class<?> application, Map<String, String> environment) {
		this.application = application;
		this.environment = Map.copyOf(environment);
	}

	/**
	 * Returns the environment variables commands read themselves, such as
	 * {@code PM_AGENT}.
	 * @return the variables
	 */
	public Map<String, String> environment() {
		return this.environment;
	}

	/**
	 * Sets a property, such as {@code pm.db.path}, above every other source, environment
	 * variables included.
	 * @param name the property
	 * @param value its value
	 * @throws IllegalStateException if the application has started
	 */
	public void setProperty(String name, String value) {
		if (this.context != null) {
			throw new IllegalStateException("the application has started; " + name + " can no longer change");
		}
		this.properties.put(name, value);
	}

	/**
	 * Returns a bean, starting the application first if needed.
	 * @param <T> its type
	 * @param type its type
	 * @return the bean
	 */
	public <T> T getBean(Class<T> type) {
		return start().getBean(type);
	}

	/**
	 * Starts the application, and with it the database, unless it has started.
	 * @return the application's context
	 */
	public ConfigurableApplicationContext start() {
		if (this.context == null) {
			// Command-line arguments outrank environment variables such as PM_DB_PATH; a
			// database file chosen on the command line (--db, the demo's) outranks
			// PM_DB_URL.
			Map<String, String> properties = new LinkedHashMap<>();
			if (!this.properties.containsKey("pm.db.path")) {
				properties.putAll(DatabaseSettings.properties(this.environment));
			}
			properties.putAll(this.properties);
			String[] args = properties.entrySet()
				.stream()
				.map((property) -> "--" + property.getKey() + "=" + property.getValue())
				.toArray(String[]::new);
			this.context = new SpringApplication(this.application).run(args);
		}
		return this.context;
	}

	/**
	 * Closes the application, if it started, and with it the database.
	 */
	@Override
	public void close() {
		if (this.context != null) {
			this.context.close();
			this.context = null;
		}
	}

}
