package dev.pm.db.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Imports pm-db's auto-configuration (and Spring Boot's transaction auto-configuration)
 * into a test slice; {@link PmDbTest @PmDbTest} uses it. The auto-configurations are
 * listed in
 * {@code META-INF/spring/dev.pm.db.test.autoconfigure.AutoConfigurePmDb.imports}.
 *
 * @author pm-db
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigurePmDb {

}
