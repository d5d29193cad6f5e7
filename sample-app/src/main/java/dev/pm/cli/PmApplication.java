package dev.pm.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import dev.pm.cli.command.DatabaseSettings;
import dev.pm.cli.command.LazyApplicationContext;
import dev.pm.cli.command.PmCommandLine;
import dev.pm.cli.server.PmServer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * {@code pm}, a command-line task manager for planning work as epics, features and tasks,
 * on an SQLite database provided by the pm-db starter.
 * <p>
 * The command line is parsed before Spring starts, and Spring starts only for commands
 * that use the database: {@code --help} and usage errors answer at once, even when the
 * database is broken. With the system property {@value PmServer#DATABASE_PROPERTY}, it is
 * the {@linkplain PmServer server} of that database instead.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class PmApplication {

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
		int exitCode;
		try (LazyApplicationContext context = new LazyApplicationContext(PmApplication.class)) {
			exitCode = PmCommandLine.create(context).setOut(standardOutput()).execute(args);
		}
		System.exit(exitCode);
	}

	/**
	 * The build generates the application context's initialisation (Spring AOT): use it,
	 * unless {@code -Dspring.aot.enabled} says otherwise. Conditions on properties were
	 * evaluated at build time then, for pm-db on SQLite: a server database
	 * ({@code PM_DB_URL}) starts without it, and {@code -Dspring.aot.enabled=false} is
	 * for any other configuration that changes which beans exist.
	 */
	private static void useAheadOfTimeInitialization() {
		if (System.getProperty("spring.aot.enabled") == null && !DatabaseSettings.namesServerDatabase(System.getenv())
				&& PmApplication.class.getResource("PmApplication__ApplicationContextInitializer.class") != null) {
			System.setProperty("spring.aot.enabled", "true");
		}
	}

	/**
	 * Standard output without {@code System.out} in between: that {@code PrintStream}
	 * swallows write errors, so {@code pm task list > /dev/full} would look like a
	 * success.
	 */
	private static PrintWriter standardOutput() {
		return new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8),
				true);
	}

}
