package dev.pm.db.autoconfigure;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The Flyway configuration of pm-db's migrations, made once with the application's
 * callbacks, Java migrations and customizers. The start-up checks read it; the
 * {@link Flyway} bean is made from it only when something uses that bean, since making a
 * Flyway costs about a tenth of a small application's start and a database unchanged
 * since its clean close needs none.
 *
 * @author pm-db
 * @since 0.1.0
 */
public final class PmDbFlyway {

	private final Configuration configuration;

	PmDbFlyway(Configuration configuration) {
		this.configuration = configuration;
	}

	/**
	 * Return the configuration.
	 * @return the configuration, not to be changed
	 */
	public Configuration getConfiguration() {
		return this.configuration;
	}

	/**
	 * Return the configuration that pm-db migrates with: its own, or that of the
	 * application's {@link Flyway} bean when the application defines one (pm-db then
	 * makes no configuration of its own).
	 * @param pmDbFlyway pm-db's configuration, if it made one
	 * @param flyway the application's Flyway
	 * @return the configuration
	 */
	public static Configuration configurationOf(ObjectProvider<PmDbFlyway> pmDbFlyway, ObjectProvider<Flyway> flyway) {
		PmDbFlyway own = pmDbFlyway.getIfAvailable();
		return (own != null) ? own.getConfiguration() : flyway.getObject().getConfiguration();
	}

}
