package dev.pm.cli.client;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * When the client leaves a command to a JVM of its own, and how it starts fast.
 */
class PmClientTests {

	private static final String SELECTOR_PROVIDER = "java.nio.channels.spi.SelectorProvider";

	@TempDir
	Path directory;

	@ParameterizedTest
	@CsvSource({ "application.properties, true", "config/application.yml, true", "config/dev/application.yaml, true",
			"config/other.txt, false", "notes/application.properties, false", "config/a/b/application.yml, false" })
	void aWorkingDirectoryWithSpringConfigurationWhereBootLooksRunsInItsOwnProcess(String file, boolean own)
			throws Exception {
		Path configuration = this.directory.resolve(file);
		Files.createDirectories(configuration.getParent());
		Files.writeString(configuration, "pm.db.busy-timeout=1s\n");

		assertThat(PmClient.hasOwnConfiguration(this.directory)).isEqualTo(own);
	}

	@Test
	void onLinuxTheClientNamesTheJdksOwnSelectorProvider() {
		assumeTrue("Linux".equals(System.getProperty("os.name")));
		String before = System.clearProperty(SELECTOR_PROVIDER);
		try {
			PmClient.nameTheSelectorProvider();

			assertThat(System.getProperty(SELECTOR_PROVIDER)).isEqualTo("sun.nio.ch.EPollSelectorProvider");
		}
		finally {
			restore(before);
		}
	}

	@Test
	void aSelectorProviderChosenByTheUserIsKept() {
		String before = System.setProperty(SELECTOR_PROVIDER, "com.example.Provider");
		try {
			PmClient.nameTheSelectorProvider();

			assertThat(System.getProperty(SELECTOR_PROVIDER)).isEqualTo("com.example.Provider");
		}
		finally {
			restore(before);
		}
	}

	private static void restore(String selectorProvider) {
		if (selectorProvider != null) {
			System.setProperty(SELECTOR_PROVIDER, selectorProvider);
		}
		else {
			System.clearProperty(SELECTOR_PROVIDER);
		}
	}

}
