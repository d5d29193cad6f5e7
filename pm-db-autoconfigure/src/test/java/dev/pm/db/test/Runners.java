package dev.pm.db.test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.pm.db.autoconfigure.PmDbAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Test support: application context runners with pm-db on a database file.
 */
public final class Runners {

	private Runners() {
	}

	/**
	 * Return a runner with pm-db's auto-configuration, and the given others, on the
	 * database file {@code pm.db} in {@code dir}.
	 */
	public static ApplicationContextRunner pmDbOnFile(Path dir, Class<?>... otherAutoConfigurations) {
		List<Class<?>> autoConfigurations = new ArrayList<>(Arrays.asList(otherAutoConfigurations));
		autoConfigurations.add(PmDbAutoConfiguration.class);
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(autoConfigurations.toArray(Class<?>[]::new)))
			.withPropertyValues("pm.db.path=" + dir.resolve("pm.db"));
	}

}
