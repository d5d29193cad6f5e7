package dev.pm.db.init;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.target.AbstractLazyCreationTargetSource;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.cglib.core.ReflectUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Flyway made at its first use, and its proxy class generated ahead of time.
 */
class LazyFlywayTests {

	private final FluentConfiguration configuration = Flyway.configure().table("lazy_history");

	private final List<String> generated = new CopyOnWriteArrayList<>();

	@AfterEach
	void stopRecording() {
		ReflectUtils.setGeneratedClassHandler(null);
	}

	@Test
	void theFlywayIsMadeAtItsFirstUse() {
		Flyway flyway = LazyFlyway.of(this.configuration);

		assertThat(LazyFlyway.configurationOf(flyway)).isSameAs(this.configuration);
		assertThat(isMade(flyway)).as("made by reading the configuration").isFalse();
		assertThat(flyway.getConfiguration().getTable()).isEqualTo("lazy_history");
		assertThat(isMade(flyway)).isTrue();
	}

	@Test
	void theConfigurationOfAnyOtherFlywayIsItsOwn() {
		Flyway plain = this.configuration.load();
		ProxyFactory proxyFactory = new ProxyFactory(plain);
		proxyFactory.setProxyTargetClass(true);
		Flyway proxied = (Flyway) proxyFactory.getProxy();

		assertThat(LazyFlyway.configurationOf(plain)).isSameAs(plain.getConfiguration());
		assertThat(LazyFlyway.configurationOf(proxied)).isSameAs(plain.getConfiguration());
	}

	@Test
	void theProxyClassIsGeneratedAheadOfTimeForAnApplicationWithPmDb() {
		DefaultListableBeanFactory beanFactory = recordingBeanFactory();
		beanFactory.registerBeanDefinition("databaseInitializer",
				new RootBeanDefinition(SqliteDatabaseInitializer.class));

		assertThat(new LazyFlywayAotProcessor().processAheadOfTime(beanFactory)).isNull();

		assertThat(this.generated).singleElement().asString().startsWith(Flyway.class.getName() + "$$SpringCGLIB$$");
	}

	@Test
	void nothingIsGeneratedForAnApplicationWithoutPmDb() {
		DefaultListableBeanFactory beanFactory = recordingBeanFactory();

		assertThat(new LazyFlywayAotProcessor().processAheadOfTime(beanFactory)).isNull();

		assertThat(this.generated).isEmpty();
	}

	// A class loader of its own: one that has the class already would not generate it
	// again.
	private DefaultListableBeanFactory recordingBeanFactory() {
		ReflectUtils.setGeneratedClassHandler((name, bytes) -> this.generated.add(name));
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.setBeanClassLoader(new URLClassLoader(new URL[0], getClass().getClassLoader()));
		return beanFactory;
	}

	private static boolean isMade(Flyway flyway) {
		return ((AbstractLazyCreationTargetSource) ((Advised) flyway).getTargetSource()).isInitialized();
	}

}
