package dev.pm.db.autoconfigure.jpa;

import java.util.Map;

import dev.pm.db.jpa.SqliteAffinityDialect;
import org.hibernate.cfg.JdbcSettings;

import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.core.env.Environment;

/**
 * Makes {@link SqliteAffinityDialect} Hibernate's dialect, so that
 * {@code ddl-auto=validate} accepts {@code INTEGER PRIMARY KEY} ids, unless the
 * application chose a dialect with {@code spring.jpa.database-platform} or
 * {@code spring.jpa.properties.hibernate.dialect}.
 *
 * @author pm-db
 */
class SqliteDialectCustomizer implements HibernatePropertiesCustomizer {

	// Boot hands spring.jpa.database-platform to the vendor adapter, whose properties
	// give way to these: it is not in the map, and must be looked up.
	private static final String DATABASE_PLATFORM = "spring.jpa.database-platform";

	private final Environment environment;

	SqliteDialectCustomizer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void customize(Map<String, Object> hibernateProperties) {
		if (!this.environment.containsProperty(DATABASE_PLATFORM)) {
			hibernateProperties.putIfAbsent(JdbcSettings.DIALECT, SqliteAffinityDialect.class.getName());
		}
	}

}
