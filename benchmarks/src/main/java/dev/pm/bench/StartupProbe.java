package dev.pm.bench;

import java.nio.file.Path;
import java.util.Map;

import dev.pm.db.DatabaseInitializer;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The child JVM of the start-up scenario: starts the benchmark application on each
 * database given, one after the other, and prints how long the
 * {@link DatabaseInitializer} itself took each time (its {@code afterPropertiesSet}, the
 * whole start-up sequence). The first start pays for loading classes and the native
 * library, as a real process does; the second shows the initializer's own work. Without
 * arguments it does nothing, to time the JVM alone.
 *
 * @author pm-db
 */
public final class StartupProbe {

	/** Prefix of the lines the parent parses. */
	static final String OUTPUT = "initializer-nanos ";

	private StartupProbe() {
	}

	/**
	 * Run the probe.
	 * @param args the {@code pm.db.integrity-check} value, then database paths
	 */
	public static void main(String[] args) {
		for (int i = 1; i < args.length; i++) {
			InitializerTimer timer = new InitializerTimer();
			try (ConfigurableApplicationContext context = BenchmarkApplication.startStarter(Path.of(args[i]),
					Map.of("integrity-check", args[0]),
					(starting) -> starting.getBeanFactory().addBeanPostProcessor(timer))) {
				System.out.println(OUTPUT + timer.nanos);
			}
		}
	}

	private static final class InitializerTimer implements BeanPostProcessor {

		private long started;

		private long nanos = -1;

		@Override
		public Object postProcessBeforeInitialization(Object bean, String beanName) {
			if (bean instanceof DatabaseInitializer) {
				this.started = System.nanoTime();
			}
			return bean;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (bean instanceof DatabaseInitializer) {
				this.nanos = System.nanoTime() - this.started;
			}
			return bean;
		}

	}

}
