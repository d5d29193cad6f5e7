package dev.pm.db.init;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.JavaMigration;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * What decides the schema version an application wants, in one value: its migrations
 * (every file under its locations, by name and content, and its Java migrations), how
 * Flyway reads them, and the version policy. When it is the same as at a clean close of
 * an unchanged file, the decision then is the decision now, and asking Flyway again
 * (which costs a command-line application a tenth of its start) can be skipped.
 * <p>
 * Locations that Flyway reads through plugins (cloud storage), wildcard locations, the
 * root of the class path and custom resolvers have no fingerprint: for those, Flyway is
 * always asked.
 *
 * @author pm-db
 */
final class MigrationsFingerprint {

	private static final String CLASSPATH = "classpath:";

	private static final String FILESYSTEM = "filesystem:";

	private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;

	private static final long FNV_PRIME = 0x100000001b3L;

	private long hash = FNV_OFFSET_BASIS;

	private long length;

	private MigrationsFingerprint() {
	}

	/**
	 * Return the fingerprint of the migrations that a Flyway configuration finds, with
	 * the version policy.
	 * @param configuration the configuration of the application's Flyway
	 * @param policy what decides with the migrations: migration enabled, expected version
	 * @return the fingerprint, or empty when the migrations cannot be fingerprinted
	 * without Flyway
	 */
	static Optional<String> of(Configuration configuration, String policy) {
		if (configuration.getResolvers().length > 0) {
			return Optional.empty();
		}
		MigrationsFingerprint fingerprint = new MigrationsFingerprint();
		fingerprint.add("flyway " + Flyway.class.getPackage().getImplementationVersion());
		fingerprint.add("policy " + policy);
		fingerprint.add("table " + configuration.getTable() + " baseline " + configuration.isBaselineOnMigrate() + " "
				+ configuration.getBaselineVersion());
		fingerprint
			.add("names " + configuration.getSqlMigrationPrefix() + " " + configuration.getSqlMigrationSeparator() + " "
					+ Arrays.toString(configuration.getSqlMigrationSuffixes()) + " "
					+ configuration.getRepeatableSqlMigrationPrefix() + " " + configuration.isSkipDefaultResolvers());
		fingerprint.add("order " + configuration.isOutOfOrder() + " " + configuration.getTarget() + " "
				+ Arrays.toString(configuration.getCherryPick()) + " "
				+ Arrays.toString(configuration.getIgnoreMigrationPatterns()));
		for (JavaMigration migration : configuration.getJavaMigrations()) {
			fingerprint.add("java " + migration.getClass().getName() + " " + migration.getVersion() + " "
					+ migration.getDescription());
		}
		ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(configuration.getClassLoader());
		for (Location location : configuration.getLocations()) {
			Optional<String> pattern = patternOf(location);
			if (pattern.isEmpty()) {
				return Optional.empty();
			}
			fingerprint.add("location " + location.getDescriptor());
			if (!fingerprint.addFiles(resolver, pattern.get(), location.getRootPath())) {
				return Optional.empty();
			}
		}
		return Optional.of(Long.toHexString(fingerprint.hash) + "-" + fingerprint.length);
	}

	// Every file under the location, as Flyway scans it; empty for a location this cannot
	// list as Flyway does.
	private static Optional<String> patternOf(Location location) {
		String root = location.getRootPath();
		if (location.getPathRegex() != null || root.isEmpty()) {
			return Optional.empty();
		}
		String under = root + "/**/*";
		return switch (location.getPrefix()) {
			case CLASSPATH -> Optional.of("classpath*:" + under);
			case FILESYSTEM -> Optional.of("file:" + (root.startsWith("/") ? "" : "./") + under);
			default -> Optional.empty();
		};
	}

	// False when the files cannot be read: Flyway, asked instead, says why.
	private boolean addFiles(ResourcePatternResolver resolver, String pattern, String root) {
		try {
			List<Found> found = new ArrayList<>();
			for (Resource resource : resolver.getResources(pattern)) {
				String url = resource.getURL().toString();
				// Directories, in a jar or on disk, end with a slash.
				if (!url.endsWith("/")) {
					// Named from the location's root on: the same migrations are the same
					// wherever the application is installed.
					found.add(new Found(url.substring(url.lastIndexOf(root) + root.length()), resource));
				}
			}
			found.sort(Comparator.comparing(Found::name));
			for (Found file : found) {
				add("file " + file.name());
				try (InputStream content = file.resource().getInputStream()) {
					addBytes(content.readAllBytes());
				}
			}
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private void add(String line) {
		addBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
	}

	// FNV-1a: no MessageDigest, whose security providers cost a start more than all of
	// this; the value tells a changed set of migrations, it guards against no attacker
	// (who could change the migrations themselves).
	private void addBytes(byte[] bytes) {
		for (byte each : bytes) {
			this.hash = (this.hash ^ (each & 0xff)) * FNV_PRIME;
		}
		this.length += bytes.length;
	}

	private record Found(String name, Resource resource) {
	}

}
