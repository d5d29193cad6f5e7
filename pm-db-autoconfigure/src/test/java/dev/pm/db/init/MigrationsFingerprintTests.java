package dev.pm.db.init;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.resolver.MigrationResolver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The fingerprint of an application's migrations changes with anything that could change
 * the schema version it decides, and exists only where it can be taken without Flyway.
 */
class MigrationsFingerprintTests {

	private static final String POLICY = new SchemaVersionPolicy(true, null).toString();

	@TempDir
	Path dir;

	private Path migrations;

	@BeforeEach
	void migrations() throws IOException {
		this.migrations = Files.createDirectories(this.dir.resolve("db/migration"));
		Files.writeString(this.migrations.resolve("V1__create_item.sql"), "CREATE TABLE item (id INTEGER);");
		Files.createDirectories(this.migrations.resolve("later"));
		Files.writeString(this.migrations.resolve("later/V2__create_tag.sql"), "CREATE TABLE tag (id INTEGER);");
	}

	private FluentConfiguration onDisk() {
		return Flyway.configure().locations("filesystem:" + this.migrations);
	}

	private static Optional<String> of(FluentConfiguration configuration) {
		return MigrationsFingerprint.of(configuration, POLICY);
	}

	@Test
	void sameMigrationsAndSettingsHaveTheSameFingerprint() {
		assertThat(of(onDisk())).isPresent().isEqualTo(of(onDisk()));
		assertThat(of(Flyway.configure().locations("classpath:db/migration"))).isPresent()
			.isEqualTo(of(Flyway.configure().locations("classpath:db/migration")));
	}

	@Test
	void theSameMigrationsOnTheClassPathOfAnotherInstallHaveTheSameFingerprint() throws IOException {
		Path elsewhere = Files.createDirectories(this.dir.resolve("elsewhere/db/migration/later"));
		Files.copy(this.migrations.resolve("V1__create_item.sql"), elsewhere.resolveSibling("V1__create_item.sql"));
		Files.copy(this.migrations.resolve("later/V2__create_tag.sql"), elsewhere.resolve("V2__create_tag.sql"));
		try (URLClassLoader here = installedAt(this.dir);
				URLClassLoader there = installedAt(this.dir.resolve("elsewhere"))) {
			Optional<String> fingerprint = of(Flyway.configure(here).locations("classpath:db/migration"));
			assertThat(fingerprint).isPresent();
			assertThat(of(Flyway.configure(there).locations("classpath:db/migration"))).isEqualTo(fingerprint);
		}
	}

	@Test
	void theSameMigrationsInAJarHaveTheSameFingerprintAsInADirectory() throws IOException {
		Path jar = this.dir.resolve("app.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			for (String entry : List.of("db/", "db/migration/", "db/migration/V1__create_item.sql",
					"db/migration/later/", "db/migration/later/V2__create_tag.sql")) {
				out.putNextEntry(new JarEntry(entry));
				if (!entry.endsWith("/")) {
					out.write(Files.readAllBytes(this.dir.resolve(entry)));
				}
				out.closeEntry();
			}
		}
		try (URLClassLoader directory = installedAt(this.dir); URLClassLoader packaged = installedAt(jar)) {
			Optional<String> fingerprint = of(Flyway.configure(directory).locations("classpath:db/migration"));
			assertThat(fingerprint).isPresent();
			assertThat(of(Flyway.configure(packaged).locations("classpath:db/migration"))).isEqualTo(fingerprint);
		}
	}

	@Test
	void migrationsAtAPathRelativeToTheWorkingDirectoryAreFingerprinted() throws IOException {
		String relative = Path.of("").toAbsolutePath().relativize(this.migrations).toString();
		Optional<String> before = of(Flyway.configure().locations("filesystem:" + relative));
		Files.writeString(this.migrations.resolve("V3__create_note.sql"), "CREATE TABLE note (id INTEGER);");
		assertThat(before).isPresent().isNotEqualTo(of(Flyway.configure().locations("filesystem:" + relative)));
	}

	private static URLClassLoader installedAt(Path directory) throws IOException {
		return new URLClassLoader(new URL[] { directory.toUri().toURL() }, null);
	}

	@Test
	void aChangedAddedOrRenamedMigrationChangesTheFingerprint() throws IOException {
		Collection<Optional<String>> seen = new HashSet<>();
		seen.add(of(onDisk()));
		Files.writeString(this.migrations.resolve("V1__create_item.sql"), "CREATE TABLE item (id INTEGER, name);");
		seen.add(of(onDisk()));
		Files.writeString(this.migrations.resolve("later/V3__create_note.sql"), "CREATE TABLE note (id INTEGER);");
		seen.add(of(onDisk()));
		Files.move(this.migrations.resolve("later/V3__create_note.sql"),
				this.migrations.resolve("V4__create_note.sql"));
		seen.add(of(onDisk()));
		assertThat(seen).hasSize(4).allMatch(Optional::isPresent);
	}

	@Test
	void settingsThatDecideTheVersionChangeTheFingerprint() {
		List<UnaryOperator<FluentConfiguration>> settings = List.of((configuration) -> configuration,
				(configuration) -> configuration.table("history"),
				(configuration) -> configuration.baselineOnMigrate(true),
				(configuration) -> configuration.sqlMigrationPrefix("M"),
				(configuration) -> configuration.outOfOrder(true), (configuration) -> configuration.target("1"),
				(configuration) -> configuration.javaMigrations(new V5__Java()));
		assertThat(settings.stream().map((setting) -> of(setting.apply(onDisk()))).distinct()).hasSize(settings.size());
		assertThat(MigrationsFingerprint.of(onDisk(), new SchemaVersionPolicy(false, null).toString()))
			.isNotEqualTo(of(onDisk()));
		assertThat(MigrationsFingerprint.of(onDisk(), new SchemaVersionPolicy(true, "1").toString()))
			.isNotEqualTo(of(onDisk()));
	}

	@Test
	void migrationsOnlyFlywayCanListHaveNoFingerprint() {
		assertThat(of(onDisk().resolvers((MigrationResolver) (context) -> List.of()))).isEmpty();
		assertThat(of(Flyway.configure().locations("filesystem:" + this.dir + "/db/*/later"))).isEmpty();
		assertThat(of(Flyway.configure().locations("classpath:"))).isEmpty();
		// Flyway takes such a location only with its plugin installed.
		Configuration inTheCloud = mock(Configuration.class, delegatesTo(onDisk()));
		given(inTheCloud.getLocations()).willReturn(new Location[] { Location.fromPath("s3:", "bucket/migrations") });
		assertThat(MigrationsFingerprint.of(inTheCloud, POLICY)).isEmpty();
	}

	@Test
	void migrationsThatCannotBeReadHaveNoFingerprintSoFlywayIsAskedAndSaysWhy() {
		ClassLoader unreadable = new ClassLoader(getClass().getClassLoader()) {

			@Override
			public Enumeration<URL> getResources(String name) throws IOException {
				throw new IOException("unreadable");
			}

		};
		assertThat(of(Flyway.configure(unreadable).locations("classpath:db/migration"))).isEmpty();
	}

	static class V5__Java extends BaseJavaMigration {

		@Override
		public void migrate(Context context) {
		}

	}

}
