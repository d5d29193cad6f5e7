package dev.pm.cli.launch;

import ch.qos.logback.classic.LoggerContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

import org.springframework.boot.logging.LogFile;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemFactory;
import org.springframework.boot.logging.logback.LogbackLoggingSystem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Spring Boot's Logback logging system with pm's {@link StderrLogging} as its default
 * configuration, in place of Boot's console appender on stdout. Everything else is
 * Boot's: {@code logging.level.*} (and {@code LOGGING_LEVEL_*}), {@code logging.config}
 * for a configuration file of the user's own, {@code logging.file.name}.
 *
 * @author pm-db
 */
public class PmLoggingSystem extends LogbackLoggingSystem {

	/**
	 * Create the logging system.
	 * @param classLoader the class loader of the application
	 */
	public PmLoggingSystem(ClassLoader classLoader) {
		super(classLoader);
	}

	@Override
	protected void loadDefaults(LoggingInitializationContext initializationContext, @Nullable LogFile logFile) {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		context.stop();
		context.reset();
		StderrLogging.apply(context, (logFile != null) ? logFile.toString() : null);
		context.start();
	}

	/**
	 * Chooses {@link PmLoggingSystem} before Spring Boot's own factories, listed in
	 * {@code META-INF/spring.factories}.
	 */
	@Order(Ordered.HIGHEST_PRECEDENCE)
	public static class Factory implements LoggingSystemFactory {

		@Override
		public LoggingSystem getLoggingSystem(ClassLoader classLoader) {
			return new PmLoggingSystem(classLoader);
		}

	}

}
