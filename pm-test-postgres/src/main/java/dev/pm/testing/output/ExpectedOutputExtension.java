package dev.pm.testing.output;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Test support: the output a test provokes on purpose (the warning of a negative test),
 * captured for the test to assert on and kept off the console, so that a test run shows
 * only what nobody expected.
 * <p>
 * Like Spring Boot's {@link OutputCaptureExtension}, it gives a test method a
 * {@link CapturedOutput} parameter, but only the methods that take one are captured, and
 * their output reaches the console only if the test fails (Spring Boot's copies it there
 * as well). While a test is captured, pm-db logs at INFO, so that the test can assert on
 * lines that {@code logback-test.xml} leaves out of the run's output.
 */
public final class ExpectedOutputExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(ExpectedOutputExtension.class);

	private static final Logger PM_DB = (Logger) LoggerFactory.getLogger("dev.pm.db");

	@Override
	public void beforeEach(ExtensionContext context) {
		if (takesTheOutput(context)) {
			context.getStore(NAMESPACE).put(Capture.class, new Capture());
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		Capture capture = context.getStore(NAMESPACE).remove(Capture.class, Capture.class);
		if (capture != null) {
			capture.end(context.getExecutionException().isPresent());
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == CapturedOutput.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return extensionContext.getStore(NAMESPACE).get(Capture.class, Capture.class);
	}

	private static boolean takesTheOutput(ExtensionContext context) {
		for (Class<?> type : context.getRequiredTestMethod().getParameterTypes()) {
			if (type == CapturedOutput.class) {
				return true;
			}
		}
		return false;
	}

	/** The standard streams of one test, and pm-db's log level before it. */
	private static final class Capture implements CapturedOutput {

		private final PrintStream out = System.out;

		private final PrintStream err = System.err;

		private final Level level = PM_DB.getLevel();

		private final ByteArrayOutputStream all = new ByteArrayOutputStream();

		private final ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();

		private final ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();

		Capture() {
			System.setOut(stream(this.capturedOut));
			System.setErr(stream(this.capturedErr));
			PM_DB.setLevel(Level.INFO);
		}

		private PrintStream stream(ByteArrayOutputStream own) {
			return new PrintStream(new OutputStream() {

				@Override
				public void write(int b) {
					write(new byte[] { (byte) b }, 0, 1);
				}

				@Override
				public void write(byte[] bytes, int offset, int length) {
					synchronized (Capture.this) {
						own.write(bytes, offset, length);
						Capture.this.all.write(bytes, offset, length);
					}
				}

			}, true, StandardCharsets.UTF_8);
		}

		void end(boolean failed) {
			System.setOut(this.out);
			System.setErr(this.err);
			PM_DB.setLevel(this.level);
			if (failed) {
				this.out.print("Output of the failed test:\n" + getAll());
			}
		}

		@Override
		public synchronized String getAll() {
			return this.all.toString(StandardCharsets.UTF_8);
		}

		@Override
		public synchronized String getOut() {
			return this.capturedOut.toString(StandardCharsets.UTF_8);
		}

		@Override
		public synchronized String getErr() {
			return this.capturedErr.toString(StandardCharsets.UTF_8);
		}

		@Override
		public String toString() {
			return getAll();
		}

	}

}
