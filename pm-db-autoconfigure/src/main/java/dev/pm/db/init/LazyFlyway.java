package dev.pm.db.init;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;

import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.target.AbstractLazyCreationTargetSource;

/**
 * A {@link Flyway} made at its first use, for a bean that most starts never use.
 * <p>
 * Making a Flyway copies its configuration and resolves its environment, which copies
 * every configuration plugin through Jackson: about a tenth of the start of a small
 * application. pm-db's start-up needs only the configuration when a database is unchanged
 * since its clean close, and reads it from here with {@link #configurationOf(Flyway)}.
 *
 * @author pm-db
 */
public final class LazyFlyway {

	private LazyFlyway() {
	}

	/**
	 * Return a Flyway that is made from the configuration when one of its methods is
	 * first called.
	 * @param configuration the configuration, not changed afterwards
	 * @return a proxy of the Flyway to come
	 */
	public static Flyway of(Configuration configuration) {
		return (Flyway) proxyFactory(new Target(configuration)).getProxy(configuration.getClassLoader());
	}

	/**
	 * Return the class of the proxies of {@link #of}, generating it unless a class loader
	 * already has it. Spring's ahead-of-time processing keeps the classes generated while
	 * it runs: the application then loads this one instead of generating it at every
	 * start (which costs about as much as the Flyway it defers), and a native image has
	 * it at all.
	 * @param classLoader the class loader of the application
	 * @return the proxy class
	 */
	static Class<?> proxyClass(ClassLoader classLoader) {
		return proxyFactory(new Target(Flyway.configure(classLoader))).getProxyClass(classLoader);
	}

	// One configuration of the proxy, the same at build time and at run time, so that
	// the class generated ahead of time is the one asked for.
	private static ProxyFactory proxyFactory(Target target) {
		ProxyFactory proxyFactory = new ProxyFactory();
		proxyFactory.setProxyTargetClass(true);
		proxyFactory.setTargetSource(target);
		return proxyFactory;
	}

	/**
	 * Return the configuration of a Flyway, without making the Flyway of {@link #of}.
	 * @param flyway a Flyway, made here or not
	 * @return its configuration
	 */
	public static Configuration configurationOf(Flyway flyway) {
		if (flyway instanceof Advised advised && advised.getTargetSource() instanceof Target target) {
			return target.configuration;
		}
		return flyway.getConfiguration();
	}

	private static final class Target extends AbstractLazyCreationTargetSource {

		private final Configuration configuration;

		Target(Configuration configuration) {
			this.configuration = configuration;
		}

		@Override
		public Class<?> getTargetClass() {
			return Flyway.class;
		}

		@Override
		protected Object createObject() {
			return new Flyway(this.configuration);
		}

	}

}
