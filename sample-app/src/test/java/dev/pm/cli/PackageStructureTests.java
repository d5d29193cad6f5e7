package dev.pm.cli;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The packages of {@code pm} depend on each other in one direction only.
 *
 * @author pm-db
 */
class PackageStructureTests {

	@Test
	void theServerSharesOnlyTheTransportWithTheClient() {
		noClasses().that()
			.resideInAPackage("dev.pm.cli.server..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.pm.cli.client..")
			.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages("dev.pm.cli"));
	}

	@Test
	void theTransportNeedsNothingButTheJdk() {
		noClasses().that()
			.resideInAPackage("dev.pm.cli.transport..")
			.should()
			.dependOnClassesThat()
			.resideOutsideOfPackages("dev.pm.cli.transport..", "java..")
			.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages("dev.pm.cli"));
	}

	@Test
	void launchKnowsNoCommandServerOrClient() {
		noClasses().that()
			.resideInAPackage("dev.pm.cli.launch..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.pm.cli.command..", "dev.pm.cli.server..", "dev.pm.cli.client..")
			.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages("dev.pm.cli"));
	}

	@Test
	void packagesHaveNoCycles() {
		slices().matching("dev.pm.cli.(**)")
			.should()
			.beFreeOfCycles()
			.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages("dev.pm.cli"));
	}

}
