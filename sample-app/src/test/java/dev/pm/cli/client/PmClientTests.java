package dev.pm.cli.client;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the client leaves a command to a JVM of its own.
 */
class PmClientTests {

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

}
