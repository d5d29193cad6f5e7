package dev.pm.db.autoconfigure;

import java.nio.file.Path;
import java.util.List;

import dev.pm.db.DatabaseCorruptedException;
import dev.pm.db.DatabaseException;
import dev.pm.db.DatabaseMigrationException;
import dev.pm.db.DatabaseNotFoundException;
import dev.pm.db.ForeignDatabaseException;
import dev.pm.db.SchemaVersionMismatchException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

class FailureAnalyzersTests {

	private static final Path PATH = Path.of("/home/me/.pm/pm.db");

	@Test
	void databaseNotFoundNamesThePathAndTheProperty() {
		FailureAnalysis analysis = analyze(new DatabaseNotFoundException(PATH));
		assertThat(analysis.getDescription()).contains(PATH.toString()).contains("pm.db.create-if-missing is false");
		assertThat(analysis.getAction()).startsWith("Consider the following:")
			.contains("pm.db.path")
			.contains("pm.db.create-if-missing=true");
	}

	@Test
	void corruptedDatabaseListsSqlitesProblemsAndSaysTheFileWasLeftAlone() {
		FailureAnalysis analysis = analyze(new DatabaseCorruptedException(PATH,
				List.of("Tree 2 page 2: btreeInitPage() returns error code 11", "row 3 missing from index t_v"), null));
		assertThat(analysis.getDescription()).contains(PATH.toString())
			.contains("\tTree 2 page 2: btreeInitPage() returns error code 11\n\trow 3 missing from index t_v")
			.contains("left unchanged");
		assertThat(analysis.getAction()).contains("backup").contains(".recover");
	}

	@Test
	void schemaVersionMismatchNamesFoundAndExpectedVersions() {
		FailureAnalysis analysis = analyze(new SchemaVersionMismatchException(PATH, "5", "3", "newer"));
		assertThat(analysis.getDescription()).contains(PATH.toString()).contains("version 5").contains("expects 3");
		assertThat(analysis.getAction()).contains("schema version 5 of " + PATH).contains("(schema version 3)");
	}

	@Test
	void schemaVersionMismatchWithoutVersionsSaysNone() {
		FailureAnalysis analysis = analyze(new SchemaVersionMismatchException(null, null, null, "odd"));
		assertThat(analysis.getDescription()).contains(":memory:").contains("version none");
		assertThat(analysis.getAction()).contains("schema version none of :memory:")
			.contains("(schema version none)")
			.doesNotContain("null");
	}

	@Test
	void foreignDatabaseSaysWhatItIsAndHowToAdoptItDeliberately() {
		FailureAnalysis analysis = analyze(new ForeignDatabaseException(PATH, "2", "flyway_schema_history"));
		assertThat(analysis.getDescription()).contains(PATH.toString())
			.contains("no schema history (no table flyway_schema_history)")
			.contains("left unchanged");
		assertThat(analysis.getAction()).contains("pm.db.migration.baseline-on-migrate=true")
			.contains("pm.db.migration.baseline-version")
			.contains("back it up");
	}

	@Test
	void inMemoryDatabaseIsNamedAsSuchByEveryAnalyzer() {
		assertThat(analyze(new DatabaseCorruptedException(null, List.of("bad"), null)).getDescription())
			.contains("The database :memory: failed")
			.doesNotContain("null");
		assertThat(analyze(new ForeignDatabaseException(null, "2", "flyway_schema_history")).getAction())
			.contains("adopt :memory:")
			.doesNotContain("null");
	}

	@Test
	void failedMigrationNamesTheMigrationAndTheVersionKept() {
		FailureAnalysis analysis = analyze(new DatabaseMigrationException(PATH, "V2__broken.sql", "1",
				new IllegalStateException("Migration failed\nLine 2: no such table")));
		assertThat(analysis.getDescription()).contains("V2__broken.sql")
			.contains(PATH.toString())
			.contains("stays at schema version 1")
			.contains("Migration failed")
			.doesNotContain("Line 2");
		assertThat(analysis.getAction()).contains("Fix the migration V2__broken.sql");
	}

	@Test
	void failureOfOneLineIsQuotedWhole() {
		FailureAnalysis analysis = analyze(new DatabaseMigrationException(PATH, null, "2",
				new IllegalStateException("Unable to obtain connection")));
		assertThat(analysis.getDescription()).endsWith("stays at schema version 2: Unable to obtain connection");
	}

	@Test
	void failureBeforeAnyMigrationSaysWhatFlywaySaid() {
		FailureAnalysis analysis = analyze(
				new DatabaseMigrationException(null, null, null, new IllegalStateException((String) null)));
		assertThat(analysis.getDescription()).contains("Migration of database :memory: failed")
			.contains("schema version none")
			.contains("no detail");
		assertThat(analysis.getAction()).contains("Fix the migration named above");
	}

	@Test
	void otherDatabaseFailuresNameThePath() {
		FailureAnalysis analysis = analyze(new DatabaseException(PATH, "Database path " + PATH + " is a directory"));
		assertThat(analysis.getDescription()).isEqualTo("Database path " + PATH + " is a directory.");
		assertThat(analysis.getAction()).contains("Check pm.db.path (now " + PATH + ")");
		assertThat(analyze(new DatabaseException(null, "PRAGMA did not take")).getAction()).contains(":memory:");
	}

	private FailureAnalysis analyze(DatabaseException failure) {
		// As Spring Boot does: the registered analyzers in order, the first answer wins.
		Throwable wrapped = new BeanCreationException("databaseInitializer", "Init failed", failure);
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			// Boot's own analyzers need a bean factory; only pm-db's are under test.
			.load(FailureAnalyzer.class, (type, name, ex) -> {
			})
			.stream()
			.filter((analyzer) -> analyzer.getClass().getPackageName().equals("dev.pm.db.autoconfigure"))
			.sorted(AnnotationAwareOrderComparator.INSTANCE)
			.toList();
		assertThat(analyzers).hasSize(6);
		for (FailureAnalyzer analyzer : analyzers) {
			FailureAnalysis analysis = analyzer.analyze(wrapped);
			if (analysis != null) {
				assertThat(analysis.getCause()).isSameAs(failure);
				return analysis;
			}
		}
		throw new AssertionError("No analysis of " + failure);
	}

}
