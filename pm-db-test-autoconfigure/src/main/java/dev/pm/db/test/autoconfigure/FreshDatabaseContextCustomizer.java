package dev.pm.db.test.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.FileSystemUtils;

/**
 * Points pm-db at a new database for one test class: a file in a new temporary directory,
 * deleted with the directory when the context closes, or {@code :memory:}. The path wins
 * over any {@code pm.db.path} of the application, so that a test never touches the
 * application's real database. It also keeps Spring Boot's
 * {@code @AutoConfigureTestDatabase} from replacing pm-db with an embedded database,
 * unless the test asks for a replacement itself.
 * <p>
 * Customizers of different test classes are never equal, so each test class gets a
 * context, and a database, of its own.
 *
 * @author pm-db
 */
class FreshDatabaseContextCustomizer implements ContextCustomizer {

	static final String DATABASE_SOURCE = "pm-db test database";

	static final String REPLACE_SOURCE = "pm-db test database replacement";

	private static final String DIRECTORY_BEAN = "pmDbTestDatabaseDirectory";

	private final Class<?> testClass;

	private final boolean inMemory;

	private final Path temporaryRoot;

	FreshDatabaseContextCustomizer(Class<?> testClass, boolean inMemory) {
		this(testClass, inMemory, Path.of(System.getProperty("java.io.tmpdir")));
	}

	FreshDatabaseContextCustomizer(Class<?> testClass, boolean inMemory, Path temporaryRoot) {
		this.testClass = testClass;
		this.inMemory = inMemory;
		this.temporaryRoot = temporaryRoot;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		MutablePropertySources sources = context.getEnvironment().getPropertySources();
		sources.addFirst(new MapPropertySource(DATABASE_SOURCE, Map.of("pm.db.path", path(context))));
		// Last: an explicit @AutoConfigureTestDatabase(replace = ...) or property still
		// wins.
		sources.addLast(new MapPropertySource(REPLACE_SOURCE, Map.of("spring.test.database.replace", "NONE")));
	}

	private String path(ConfigurableApplicationContext context) {
		if (this.inMemory) {
			return ":memory:";
		}
		Path directory = createTemporaryDirectory();
		// Registered before any bean, so destroyed after every one: the data source's
		// close still checkpoints the database and records its clean close in this
		// directory (deleted on ContextClosedEvent, before the beans, it failed that).
		((DefaultSingletonBeanRegistry) context.getBeanFactory()).registerDisposableBean(DIRECTORY_BEAN,
				() -> delete(directory));
		return directory.resolve("test.db").toString();
	}

	private Path createTemporaryDirectory() {
		try {
			return Files.createTempDirectory(this.temporaryRoot, "pm-db-test-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a directory for the test database in " + this.temporaryRoot,
					ex);
		}
	}

	private static void delete(Path directory) {
		// A directory that cannot be deleted stays in the temporary directory, for the
		// system to clean.
		FileSystemUtils.deleteRecursively(directory.toFile());
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof FreshDatabaseContextCustomizer customizer && this.testClass == customizer.testClass
				&& this.inMemory == customizer.inMemory;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.testClass, this.inMemory);
	}

}
