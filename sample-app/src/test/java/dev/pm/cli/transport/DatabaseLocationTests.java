package dev.pm.cli.transport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which database a command uses, and why: the way git finds {@code .git}, with pm's flag
 * and variables first.
 */
class DatabaseLocationTests {

	@TempDir
	Path directory;

	@Test
	void theFirstProjectDatabaseInTheWorkingDirectoryOrAboveItIsFound() throws Exception {
		Path outer = Files.createDirectories(this.directory.resolve("outer/.pm"));
		Files.createFile(outer.resolve("pm.db"));
		Path inner = Files.createDirectories(this.directory.resolve("outer/inner/.pm"));
		Files.createFile(inner.resolve("pm.db"));
		Path deep = Files.createDirectories(this.directory.resolve("outer/inner/src/main"));

		assertThat(DatabaseLocation.resolve(null, Map.of(), deep))
			.isEqualTo(new DatabaseLocation(inner.resolve("pm.db"), "found above the working directory"));
		assertThat(DatabaseLocation.resolve(null, Map.of(), this.directory.resolve("outer")))
			.isEqualTo(new DatabaseLocation(outer.resolve("pm.db"), "found in the working directory"));
	}

	@Test
	void aProjectDirectoryWithoutItsDatabaseFileIsNotAProject() throws Exception {
		Files.createDirectories(this.directory.resolve("project/.pm"));

		DatabaseLocation location = DatabaseLocation.resolve(null, Map.of("HOME", "/home/ann"),
				this.directory.resolve("project"));

		assertThat(location.path()).isEqualTo(Path.of("/home/ann/.pm/pm.db"));
		assertThat(location.reason()).startsWith("the default");
	}

	@Test
	void theFlagThenPmsUrlThenPmsPathWinOverTheProject() throws Exception {
		Files.createDirectories(this.directory.resolve(".pm"));
		Files.createFile(this.directory.resolve(".pm/pm.db"));
		Map<String, String> both = Map.of("PM_DB_URL", "jdbc:sqlite:url.db", "PM_DB_PATH", "path.db");

		assertThat(DatabaseLocation.resolve("flag.db", both, this.directory))
			.isEqualTo(new DatabaseLocation(this.directory.resolve("flag.db"), "--db"));
		assertThat(DatabaseLocation.resolve(null, both, this.directory))
			.isEqualTo(new DatabaseLocation(this.directory.resolve("url.db"), "PM_DB_URL"));
		assertThat(DatabaseLocation.resolve(null, Map.of("PM_DB_PATH", "path.db"), this.directory))
			.isEqualTo(new DatabaseLocation(this.directory.resolve("path.db"), "PM_DB_PATH"));
	}

	@Test
	void initCreatesTheDatabaseOfTheWorkingDirectoryWhateverTheVariablesSay() {
		Invocation init = new Invocation(List.of("init"), Map.of("PM_DB_PATH", "/elsewhere.db"), this.directory);

		assertThat(init.database()).isEqualTo(this.directory.resolve(".pm/pm.db"));
	}

}
