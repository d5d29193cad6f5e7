package dev.pm.cli.launch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.jspecify.annotations.Nullable;

/**
 * pm's logging: warnings and errors on stderr, one line each ({@code pm: WARN
 * DatabaseFiles: ...}) and without a stack trace, so that stdout stays clean for tables
 * and JSON.
 * <p>
 * Logback finds this configurator before anything logs (sqlite-jdbc does, before Spring
 * starts), and Spring Boot's logging system for pm applies it again
 * ({@link PmLoggingSystem}). Configured in code, not in a {@code logback.xml}: Logback
 * parsed that file with its XML machinery on every start, a twentieth of a command's
 * start.
 *
 * @author pm-db
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class StderrLogging extends ContextAwareBase implements Configurator {

	@Override
	public ExecutionStatus configure(LoggerContext context) {
		apply(context, null);
		return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
	}

	/**
	 * Log warnings of a reset context to stderr, and to a file if one is named.
	 * @param context the logger context
	 * @param file the file that {@code logging.file.name} or {@code logging.file.path}
	 * names, or {@code null}
	 */
	static void apply(LoggerContext context, @Nullable String file) {
		Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
		root.setLevel(Level.WARN);
		ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
		console.setTarget("System.err");
		root.addAppender(started(context, "STDERR", console));
		if (file != null) {
			FileAppender<ILoggingEvent> toFile = new FileAppender<>();
			toFile.setFile(file);
			root.addAppender(started(context, "FILE", toFile));
		}
	}

	private static Appender<ILoggingEvent> started(LoggerContext context, String name,
			OutputStreamAppender<ILoggingEvent> appender) {
		OneLine layout = new OneLine();
		layout.setContext(context);
		layout.start();
		LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
		encoder.setContext(context);
		encoder.setLayout(layout);
		encoder.start();
		appender.setContext(context);
		appender.setName(name);
		appender.setEncoder(encoder);
		appender.start();
		return appender;
	}

	/**
	 * {@code pm: LEVEL Logger: message}, the logger by its simple name, the exception's
	 * message only if the logging code put it into the message: a user reads what went
	 * wrong, and {@code --debug} is the way to a stack trace.
	 */
	static final class OneLine extends LayoutBase<ILoggingEvent> {

		@Override
		public String doLayout(ILoggingEvent event) {
			String logger = event.getLoggerName();
			return "pm: " + event.getLevel() + " " + logger.substring(logger.lastIndexOf('.') + 1) + ": "
					+ event.getFormattedMessage() + CoreConstants.LINE_SEPARATOR;
		}

	}

}
