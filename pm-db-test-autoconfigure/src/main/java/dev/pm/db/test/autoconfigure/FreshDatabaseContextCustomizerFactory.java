package dev.pm.db.test.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Gives {@link PmDbTest @PmDbTest} and Spring Boot's test slices with
 * {@code @AutoConfigureTestDatabase} ({@code @JdbcTest}, {@code @DataJdbcTest}) a fresh
 * pm-db database for the test class.
 *
 * @author pm-db
 */
class FreshDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

	private static final String AUTO_CONFIGURE_TEST_DATABASE = "org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase";

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		MergedAnnotations annotations = MergedAnnotations.from(testClass, SearchStrategy.TYPE_HIERARCHY);
		MergedAnnotation<PmDbTest> pmDbTest = annotations.get(PmDbTest.class);
		if (pmDbTest.isPresent()) {
			return new FreshDatabaseContextCustomizer(testClass, pmDbTest.getBoolean("inMemory"));
		}
		if (annotations.isPresent(AUTO_CONFIGURE_TEST_DATABASE)) {
			return new FreshDatabaseContextCustomizer(testClass, false);
		}
		return null;
	}

}
