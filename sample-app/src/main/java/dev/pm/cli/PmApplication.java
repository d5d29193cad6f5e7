package dev.pm.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import dev.pm.cli.client.ArgumentFiles;
import dev.pm.cli.command.CommandOutput;
import dev.pm.cli.command.PmCommandLine;
import dev.pm.cli.launch.DatabaseSettings;
import dev.pm.cli.launch.DefaultMessages;
import dev.pm.cli.launch.LazyApplicationContext;
import dev.pm.cli.launch.NativeLibrary;
import dev.pm.cli.server.PmServer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.autoconfigure.info.ProjectInfoAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;

/**
 * {@code pm}, a command-line task manager for planning work as epics, features and tasks,
 * on an SQLite database provided by the pm-db starter.
 * <p>
 * The command line is parsed before Spring starts, and Spring starts only for commands
 * that use the database: {@code --help} and usage errors answer at once, even when the
 * database is broken. With the system property {@value PmServer#DATABASE_PROPERTY}, it is
 * the {@linkplain PmServer server} of that database instead.
 * <p>
 * Every command without a server starts the application: the auto-configurations of what
 * pm never uses (task executors and schedulers, SSL bundles, build and git info,
 * availability probes, lifecycle timeouts, {@code schema.sql} scripts) are left out, so
 * that their beans and bound properties cost no command anything.
 */
@SpringBootApplication(proxyBeanMethods = false,
		exclude = { TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class,
				SslAutoConfiguration.class, ProjectInfoAutoConfiguration.class,
				ApplicationAvailabilityAutoConfiguration.class, LifecycleAutoConfiguration.class,
				DataSourceInitializationAutoConfiguration.class })
public class PmApplication {

	/**
	 * The context's message source, which costs a start nothing.
	 * @return a message source of default messages only
	 */
	@Bean
	static MessageSource messageSource() {
		return new DefaultMessages();
	}

	/**
	 * Runs one command and exits with its code: 0 success, 1 refused or failed, 2 usage
	 * error.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		if (Boolean.getBoolean("spring.aot.processing")) {
			// Spring AOT runs main to find the application, and stops it once the context
			// is prepared: start it at once, not after a command line that needs it.
			SpringApplication.run(PmApplication.class, args);
			return;
		}
		NativeLibrary.useExtractedCopy();
		useAheadOfTimeInitialization();
		if (System.getProperty(PmServer.DATABASE_PROPERTY) != null) {
			System.exit(PmServer.run(PmApplication.class, System.err));
		}
		String[] expanded;
		try {
			expanded = Boolean.getBoolean(ArgumentFiles.EXPANDED_PROPERTY) ? args
					: ArgumentFiles.expand(List.of(args), Path.of("").toAbsolutePath()).toArray(String[]::new);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("pm: " + ex.getMessage());
			System.exit(PmCommandLine.USAGE);
			return;
		}
		int exitCode;
		try (LazyApplicationContext context = new LazyApplicationContext(PmApplication.class)) {
			exitCode = PmCommandLine.create(context, expanded)
				.setOut(standardOutput())
				.setErr(new CommandOutput(new FileOutputStream(FileDescriptor.err), true))
				.execute(expanded);
		}
		System.exit(exitCode);
	}

	/**
	 * The build generates the application context's initialisation (Spring AOT): use it,
	 * unless {@code -Dspring.aot.enabled} says otherwise. Conditions on properties were
	 * evaluated at build time then, for pm-db on SQLite: a server database
	 * ({@code PM_DB_URL}) or a replication target ({@code PM_DB_REPLICATION_TARGET})
	 * starts without it, and {@code -Dspring.aot.enabled=false} is for any other
	 * configuration that changes which beans exist.
	 */
	private static void useAheadOfTimeInitialization() {
		if (System.getProperty("spring.aot.enabled") == null && !DatabaseSettings.changeWhichBeansExist(System.getenv())
				&& !namesSpringDataSource()
				&& PmApplication.class.getResource("PmApplication__ApplicationContextInitializer.class") != null) {
			System.setProperty("spring.aot.enabled", "true");
		}
	}

	/**
	 * Whether Spring Boot's own {@code spring.datasource.url} is a system property (in
	 * {@code PM_JAVA_OPTS}): the initialisation generated ahead of time would ignore it,
	 * silently; started without it, pm-db refuses it next to {@code pm.db.path} in one
	 * line, or steps aside for another database. ({@code SPRING_DATASOURCE_URL} is
	 * refused by {@code DatabaseSettings}.)
	 */
	private static boolean namesSpringDataSource() {
		return System.getProperty("spring.datasource.url") != null;
	}

	/**
	 * Standard output without {@code System.out} in between: that {@code PrintStream}
	 * swallows write errors, so {@code pm task list > /dev/full} would look like a
	 * success.
	 */
	private static PrintWriter standardOutput() {
		return new CommandOutput(new FileOutputStream(FileDescriptor.out), true);
	}

}
