package dev.pm.cli.launch;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.pm.cli.plan.PlanException;
import dev.pm.cli.transport.DatabaseLocation;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring application of {@code pm}, started when a command first needs a bean and
 * closed (which closes the database) when the command is done.
 * <p>
 * One command sees the environment variables and the working directory of whoever runs
 * it: in the {@code pm} process itself, those of the process; in the {@code pm} server,
 * those of the client, through a {@link #forRequests request view} that shares the
 * server's application.
 */
public final class LazyApplicationContext implements AutoCloseable {

	private final Application application;

	// A request view's change with each command it serves; the view serves one at a time.
	private Map<String, String> environment;

	private Path workingDirectory;

	private String databaseFlag;

	private final boolean owner;

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
		this(application, environment, Path.of("").toAbsolutePath());
	}

	/**
	 * Creates a context that is not started yet, for commands that run in a directory of
	 * their own: relative paths, and the search for the project's {@code .pm/pm.db},
	 * start there.
	 * @param application the {@code @SpringBootApplication} class
	 * @param environment the environment variables
	 * @param workingDirectory the working directory, absolute
	 */
	public LazyApplicationContext(Class<?> application, Map<String, String> environment, Path workingDirectory) {
		this(new Application(application, new LinkedHashMap<>()), environment, workingDirectory, true);
	}

	private LazyApplicationContext(Application application, Map<String, String> environment, Path workingDirectory,
			boolean owner) {
		this.application = application;
		this.environment = Map.copyOf(environment);
		this.workingDirectory = workingDirectory;
		this.owner = owner;
	}

	/**
	 * Returns a view of this application for the commands of other processes, one at a
	 * time, each {@linkplain #serve(Map, Path) with that process's} environment variables
	 * and working directory; closing it leaves the application running.
	 * @return the view, with the environment and working directory of this process until
	 * it serves a command
	 */
	public LazyApplicationContext forRequests() {
		return new LazyApplicationContext(this.application, this.environment, this.workingDirectory, false);
	}

	/**
	 * Makes this request view serve the next command.
	 * @param environment the environment variables of the command
	 * @param workingDirectory its working directory, absolute
	 * @throws IllegalStateException if this is not a request view
	 */
	public void serve(Map<String, String> environment, Path workingDirectory) {
		if (this.owner) {
			throw new IllegalStateException("only a request view serves the commands of other processes");
		}
		this.environment = Map.copyOf(environment);
		this.workingDirectory = workingDirectory;
	}

	/**
	 * Returns a new application, not started, with the same properties, environment and
	 * working directory, which its user closes: {@code pm demo} runs on its own database.
	 * @return the new application
	 */
	public LazyApplicationContext fresh() {
		return new LazyApplicationContext(
				new Application(this.application.type, new LinkedHashMap<>(this.application.properties())),
				this.environment, this.workingDirectory, true);
	}

	/**
	 * Returns whether this is a request view: its commands are another process's, whose
	 * standard input the server does not have.
	 * @return whether this view serves the commands of other processes
	 */
	public boolean servesRequests() {
		return !this.owner;
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
	 * Returns the directory relative paths in arguments resolve against.
	 * @return the working directory of the command, absolute
	 */
	public Path workingDirectory() {
		return this.workingDirectory;
	}

	/**
	 * Sets a property, such as {@code pm.db.path}, above every other source, environment
	 * variables included. A request view may only repeat the server's value: a command
	 * must not change what the server serves to the commands after it.
	 * @param name the property
	 * @param value its value
	 * @throws IllegalStateException if the application has started with another value
	 * @throws PlanException if this is a request view and the value is another
	 */
	public void setProperty(String name, String value) {
		if (!this.owner && !Objects.equals(this.application.properties().get(name), value)) {
			throw new PlanException("the pm server cannot set " + name + " to " + value + " for one command (it serves"
					+ " every command with " + this.application.properties().get(name)
					+ "); run the command with --no-server");
		}
		this.application.setProperty(name, value);
	}

	/**
	 * Returns a bean of the application if it has started and has one, without starting
	 * it.
	 * @param <T> its type
	 * @param type its type
	 * @return the bean, or empty
	 */
	public <T> Optional<T> startedBean(Class<T> type) {
		return this.application.started().map((context) -> context.getBeanProvider(type).getIfAvailable());
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
		return this.application.start(this.environment, this.workingDirectory);
	}

	/**
	 * Notes the {@code --db} of the command being run, or that it has none.
	 * @param database {@code --db}, or {@code null}
	 */
	public void databaseFlag(String database) {
		this.databaseFlag = database;
	}

	/**
	 * Returns which database this command uses and why, as the client resolved it.
	 * @return the database and the reason
	 */
	public DatabaseLocation databaseLocation() {
		return DatabaseLocation.resolve(this.databaseFlag, this.environment, this.workingDirectory);
	}

	/**
	 * Closes the application, if it started, and with it the database; a request view
	 * leaves it running.
	 */
	@Override
	public void close() {
		if (this.owner) {
			this.application.close();
		}
	}

	/**
	 * The application itself, which request views share: started once, by whichever
	 * command needs it first.
	 */
	private static final class Application {

		// pm's own application.properties, not the application.properties or config/ of
		// the directory a command runs in: agents run pm in their projects, and a Spring
		// project's spring.datasource.url would send pm's migrations to its database.
		// SPRING_CONFIG_LOCATION, set on purpose, still wins over this default.
		private static final Map<String, Object> OWN_CONFIGURATION_ONLY = Map.of("spring.config.location",
				"optional:classpath:/application.properties");

		private final Class<?> type;

		private final Map<String, String> properties;

		private ConfigurableApplicationContext context;

		Application(Class<?> type, Map<String, String> properties) {
			this.type = type;
			this.properties = properties;
		}

		synchronized Optional<ConfigurableApplicationContext> started() {
			return Optional.ofNullable(this.context);
		}

		synchronized Map<String, String> properties() {
			return Map.copyOf(this.properties);
		}

		synchronized void setProperty(String name, String value) {
			if (this.context != null && !Objects.equals(this.properties.get(name), value)) {
				throw new IllegalStateException("the application has started; " + name + " can no longer change");
			}
			this.properties.put(name, value);
		}

		// environment: of the command that starts the application (a server serves only
		// clients whose database settings are its own).
		synchronized ConfigurableApplicationContext start(Map<String, String> environment, Path workingDirectory) {
			if (this.context == null) {
				// Command-line arguments outrank environment variables such as
				// PM_DB_PATH; a database file chosen on the command line (--db, the
				// demo's) outranks PM_DB_URL.
				DatabaseSettings.refuseSpringDataSource(environment);
				Map<String, String> properties = new LinkedHashMap<>();
				if (!this.properties.containsKey("pm.db.path")) {
					Map<String, String> database = DatabaseSettings.properties(environment);
					properties.putAll(database);
					if (database.isEmpty() && !environment.containsKey("PM_DB_PATH")
							&& System.getProperty("pm.db.path") == null) {
						// The project's .pm/pm.db in the working directory or above it,
						// as
						// the client finds it, else the default.
						properties.put("pm.db.path",
								DatabaseLocation.resolve(null, environment, workingDirectory).path().toString());
					}
				}
				properties.putAll(this.properties);
				String[] args = properties.entrySet()
					.stream()
					.map((property) -> "--" + property.getKey() + "=" + property.getValue())
					.toArray(String[]::new);
				SpringApplication application = new SpringApplication(this.type);
				// Spring AOT finds the generated initialisation by the main class, which
				// Spring deduces from a main method on the stack: a server's request
				// thread has none.
				application.setMainApplicationClass(this.type);
				application.setDefaultProperties(OWN_CONFIGURATION_ONLY);
				this.context = application.run(args);
			}
			return this.context;
		}

		synchronized void close() {
			if (this.context != null) {
				this.context.close();
				this.context = null;
			}
		}

	}

}
