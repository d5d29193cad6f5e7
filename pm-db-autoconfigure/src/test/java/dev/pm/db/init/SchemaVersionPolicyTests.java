package dev.pm.db.init;

import java.nio.file.Path;

import dev.pm.db.SchemaVersionMismatchException;
import dev.pm.db.init.SchemaVersionPolicy.Decision;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class SchemaVersionPolicyTests {

	private final SchemaVersionPolicy policy = new SchemaVersionPolicy(true, null);

	private final Path path = Path.of("/data/pm.db");

	@Test
	void databaseMigratedPastTheDecisionMeanwhileIsRefusedAsNewer() {
		Decision migrateToOne = new Decision(null, MigrationVersion.fromVersion("1"));
		assertThatExceptionOfType(SchemaVersionMismatchException.class)
			.isThrownBy(
					() -> this.policy.requireUnchangedSince(migrateToOne, MigrationVersion.fromVersion("2"), this.path))
			.withMessageContaining("another application migrated the database to version 2");
	}

	@Test
	void databaseAtTheDecidedVersionIsAccepted() {
		Decision upToDate = new Decision(MigrationVersion.fromVersion("2"), null);
		assertThatNoException().isThrownBy(
				() -> this.policy.requireUnchangedSince(upToDate, MigrationVersion.fromVersion("2"), this.path));
	}

	@Test
	void applicationWithoutMigrationsAcceptsWhatOthersMigrated() {
		Decision noSchema = new Decision(null, null);
		assertThatNoException().isThrownBy(
				() -> this.policy.requireUnchangedSince(noSchema, MigrationVersion.fromVersion("3"), this.path));
	}

}
