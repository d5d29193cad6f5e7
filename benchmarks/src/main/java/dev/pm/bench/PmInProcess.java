package dev.pm.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * The {@code pm} CLI of the sample app, loaded in this JVM and run command by command, as
 * its {@code main} runs them but without starting a JVM or Spring for each: what is left
 * is the work of the command itself (parsing, the transaction, the queries, the output).
 * <p>
 * The sample app is an executable Spring Boot jar, which no module can depend on, so it
 * is loaded from the extracted copy the sample app's build leaves in
 * {@code target/pm-app} (plain jars), in a class loader of its own, and called through
 * its public entry points ({@code LazyApplicationContext}, {@code PmCommandLine.create},
 * picocli's {@code execute}). The command line is built once, as a process builds it
 * once: that (about 7 ms of reflection over the commands' annotations) belongs to
 * start-up, not to a command's work.
 *
 * @author pm-db
 */
public final class PmInProcess implements AutoCloseable {

	private final URLClassLoader loader;

	private final Object context;

	// One per thread, as each agent is its own process: a picocli command line holds the
	// options of the command it runs.
	private final ThreadLocal<Object> commandLines;

	private final Method setOut;

	private final Method setErr;

	private final Method execute;

	private PmInProcess(URLClassLoader loader, Map<String, String> environment, Map<String, String> properties)
			throws ReflectiveOperationException {
		this.loader = loader;
		Class<?> application = loader.loadClass("dev.pm.cli.PmApplication");
		Class<?> lazyContext = lazyApplicationContext(loader);
		this.context = lazyContext.getConstructor(Class.class, Map.class).newInstance(application, environment);
		Method setProperty = lazyContext.getMethod("setProperty", String.class, String.class);
		for (Map.Entry<String, String> property : properties.entrySet()) {
			setProperty.invoke(this.context, property.getKey(), property.getValue());
		}
		// Built once a thread, as a process builds it once: picocli resets every option
		// before each parse.
		Method create = loader.loadClass("dev.pm.cli.command.PmCommandLine").getMethod("create", lazyContext);
		this.commandLines = ThreadLocal.withInitial(() -> inApplicationLoader(() -> create.invoke(null, this.context)));
		Class<?> commandLine = loader.loadClass("picocli.CommandLine");
		this.setOut = commandLine.getMethod("setOut", PrintWriter.class);
		this.setErr = commandLine.getMethod("setErr", PrintWriter.class);
		this.execute = commandLine.getMethod("execute", String[].class);
	}

	// In dev.pm.cli.launch since 2026-12-07; a baseline built before is in
	// dev.pm.cli.command.
	private static Class<?> lazyApplicationContext(ClassLoader loader) throws ClassNotFoundException {
		try {
			return loader.loadClass("dev.pm.cli.launch.LazyApplicationContext");
		}
		catch (ClassNotFoundException ex) {
			return loader.loadClass("dev.pm.cli.command.LazyApplicationContext");
		}
	}

	/**
	 * Load the sample app.
	 * @param extracted the sample app's {@code target/pm-app}
	 * @param database the database its commands use
	 * @return the app, not started: its first command starts it
	 * @throws IOException if the extracted jars cannot be listed
	 * @throws ReflectiveOperationException if the app lacks an entry point
	 */
	public static PmInProcess load(Path extracted, Path database) throws IOException, ReflectiveOperationException {
		return load(extracted, System.getenv(), Map.of("pm.db.path", database.toString()));
	}

	/**
	 * Load the sample app with the given environment variables, such as
	 * {@code PM_DB_URL}, and properties.
	 * @param extracted the sample app's {@code target/pm-app}
	 * @param environment the environment variables pm reads itself
	 * @param properties properties set as on pm's command line
	 * @return the app, not started: its first command starts it
	 * @throws IOException if the extracted jars cannot be listed
	 * @throws ReflectiveOperationException if the app lacks an entry point
	 */
	public static PmInProcess load(Path extracted, Map<String, String> environment, Map<String, String> properties)
			throws IOException, ReflectiveOperationException {
		List<URL> jars = new ArrayList<>(List.of(extracted.resolve("pm.jar").toUri().toURL()));
		try (Stream<Path> libraries = Files.list(extracted.resolve("lib"))) {
			for (Path library : libraries.sorted().toList()) {
				jars.add(library.toUri().toURL());
			}
		}
		// The platform loader as parent: none of the benchmarks' own Spring classes leak
		// in.
		return new PmInProcess(new URLClassLoader(jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader()),
				environment, properties);
	}

	/**
	 * Run one command, discarding its output.
	 * @param args the command line, as after {@code pm}
	 * @throws IllegalStateException if the command does not succeed, with its error
	 */
	public void run(String... args) {
		output(new PrintWriter(OutputStream.nullOutputStream()), args);
	}

	/**
	 * Run one command and return what it printed.
	 * @param args the command line, as after {@code pm}
	 * @return its standard output
	 * @throws IllegalStateException if the command does not succeed, with its error
	 */
	public String output(String... args) {
		StringWriter out = new StringWriter();
		output(new PrintWriter(out), args);
		return out.toString();
	}

	private void output(PrintWriter out, String... args) {
		StringWriter err = new StringWriter();
		int exitCode = inApplicationLoader(() -> {
			Object commandLine = this.commandLines.get();
			this.setOut.invoke(commandLine, out);
			this.setErr.invoke(commandLine, new PrintWriter(err, true));
			return (Integer) this.execute.invoke(commandLine, (Object) args);
		});
		out.flush();
		if (exitCode != 0) {
			throw new IllegalStateException("pm " + String.join(" ", args).lines().findFirst().orElse("")
					+ " exited with " + exitCode + ": " + err);
		}
	}

	@Override
	public void close() throws IOException {
		inApplicationLoader(() -> this.context.getClass().getMethod("close").invoke(this.context));
		this.loader.close();
	}

	/** Spring finds some of its parts through the thread's context class loader. */
	private <T> T inApplicationLoader(Callable<T> call) {
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(this.loader);
		try {
			return call.call();
		}
		catch (InvocationTargetException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

}
