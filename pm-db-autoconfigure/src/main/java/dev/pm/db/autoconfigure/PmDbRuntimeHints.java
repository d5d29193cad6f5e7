package dev.pm.db.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.jdbc.datasource.ConnectionProxy;

/**
 * What a native image needs for pm-db: the migrations at the default location, which
 * Flyway finds by scanning resources, and the JDK proxy that is each connection lease.
 * Spring Boot's own Flyway hints come with its Flyway auto-configuration, which an
 * application with pm-db may not have.
 *
 * @author pm-db
 */
class PmDbRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern("db/migration/*");
		hints.proxies().registerJdkProxy(ConnectionProxy.class);
	}

}
