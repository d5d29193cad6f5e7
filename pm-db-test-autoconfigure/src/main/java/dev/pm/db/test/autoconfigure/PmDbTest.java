package dev.pm.db.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.transaction.annotation.Transactional;

/**
 * A test of the database layer with pm-db: only pm-db's auto-configuration (its
 * {@code DataSource}, the JDBC templates, {@code JdbcClient} and the transaction
 * manager), none of the application's components, on a fresh database for the test class
 * with the application's migrations applied. Each test runs in a transaction that is
 * rolled back at its end.
 * <p>
 * The database is a new temporary file by default, so that WAL and everything else that
 * depends on a file behaves as in production; it is deleted when the test's application
 * context closes. {@link #inMemory()} asks for {@code :memory:} instead.
 *
 * @author pm-db
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(PmDbTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(PmDbTypeExcludeFilter.class)
@Transactional
@AutoConfigurePmDb
@ImportAutoConfiguration
public @interface PmDbTest {

	/**
	 * Properties in {@code key=value} form to add to the test's environment.
	 * @return the properties
	 */
	String[] properties() default {};

	/**
	 * Whether the database lives in memory ({@code :memory:}) instead of in a temporary
	 * file.
	 * @return whether to use an in-memory database
	 */
	boolean inMemory() default false;

	/**
	 * Whether the application's default component filters apply; {@code @PmDbTest} then
	 * includes none of its components unless {@link #includeFilters()} name them.
	 * @return whether default filters are used
	 */
	boolean useDefaultFilters() default true;

	/**
	 * Filters for beans to add to the application context.
	 * @return the include filters
	 */
	ComponentScan.Filter[] includeFilters() default {};

	/**
	 * Filters for beans to leave out of the application context.
	 * @return the exclude filters
	 */
	ComponentScan.Filter[] excludeFilters() default {};

	/**
	 * Auto-configuration classes to leave out of this test.
	 * @return the auto-configurations to exclude
	 */
	@AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
	Class<?>[] excludeAutoConfiguration() default {};

}
