package dev.pm.db;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The packages of the library, as Spring Boot keeps its own: no package cycles, and the
 * public types of {@code dev.pm.db} at the bottom, so that every other package may use
 * them.
 *
 * @author pm-db
 */
class PackageStructureTests {

	private static final JavaClasses LIBRARY = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.pm.db");

	@Test
	void packagesHaveNoCycles() {
		slices().matching("dev.pm.(**)").should().beFreeOfCycles().check(LIBRARY);
	}

	@Test
	void backupAndReplicationDependOnNoPartOfTheStartUpSequence() {
		noClasses().that()
			.resideInAnyPackage("dev.pm.db.backup..", "dev.pm.db.replication..")
			.should()
			.dependOnClassesThat(resideInAPackage("dev.pm.db.init.."))
			.check(LIBRARY);
	}

	@Test
	void rootPackageDependsOnNoOtherPackageOfTheLibrary() {
		noClasses().that()
			.resideInAPackage("dev.pm.db")
			.should()
			.dependOnClassesThat(resideInAPackage("dev.pm.db..").and(not(resideInAPackage("dev.pm.db"))))
			.check(LIBRARY);
	}

}
