package dev.pm.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import dev.pm.cli.Launcher.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database per project: {@code pm init} creates {@code .pm/pm.db} in the working
 * directory, and pm finds it from there and every directory below, as git finds
 * {@code .git}, the same with the server and without; {@code --db} and {@code PM_DB_PATH}
 * still win, and {@code ~/.pm/pm.db} is the last fallback.
 */
class ProjectDatabaseIT {

	@TempDir
	Path directory;

	private Path home;

	private Path project;

	private Launcher pm;

	@AfterEach
	void stopTheServers() throws Exception {
		if (this.pm != null) {
			this.pm.stopServers(this.project.resolve(".pm/pm.db"), this.home.resolve(".pm/pm.db"),
					this.directory.resolve("elsewhere.db"));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "on", "off" })
	void initCreatesThePrivateProjectDatabaseThatCommandsBelowItFind(String server) throws Exception {
		setUp(server);
		Path below = Files.createDirectories(this.project.resolve("src/main"));

		Run init = this.pm.pm("init");
		Run add = launcher(below, server).pm("epic", "add", "E01", "Found from below");
		Run status = launcher(below, server).pm("db", "status", "--json");

		assertThat(init.exitCode()).as(init.err()).isZero();
		Path database = this.project.resolve(".pm/pm.db");
		assertThat(init.out())
			.isEqualTo("Created " + database + ": pm commands in " + this.project + " and below use it.\n");
		assertThat(Files.getPosixFilePermissions(database)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.getPosixFilePermissions(database.getParent()))
			.isEqualTo(PosixFilePermissions.fromString("rwx------"));
		assertThat(add.exitCode()).as(add.err()).isZero();
		assertThat(launcher(this.project, server).pm("epic", "list").out()).contains("Found from below");
		JsonNode json = JsonMapper.builder().build().readTree(status.out());
		assertThat(json.get("path").asString()).isEqualTo(database.toString());
		assertThat(json.get("chosenBy").asString()).isEqualTo("found above the working directory");
		assertThat(this.home.resolve(".pm/pm.db")).doesNotExist();
	}

	@ParameterizedTest
	@ValueSource(strings = { "on", "off" })
	void initRefusesADirectoryThatHasADatabaseAndChangesNothing(String server) throws Exception {
		setUp(server);
		assertThat(this.pm.pm("init").exitCode()).isZero();
		this.pm.pm("epic", "add", "E01", "Kept");

		Run again = this.pm.pm("init");

		assertThat(again.exitCode()).isEqualTo(1);
		assertThat(again.err()).isEqualTo("pm: this directory has a pm database already, "
				+ this.project.resolve(".pm/pm.db") + "; nothing was changed\n");
		assertThat(this.pm.pm("epic", "list").out()).contains("Kept");
	}

	@ParameterizedTest
	@ValueSource(strings = { "on", "off" })
	void theDatabaseVariableAndTheFlagWinOverTheProjectsAndHomeIsTheLastFallback(String server) throws Exception {
		setUp(server);
		assertThat(this.pm.pm("init").exitCode()).isZero();
		Path elsewhere = this.directory.resolve("elsewhere.db");
		Path outside = Files.createDirectories(this.directory.resolve("outside"));

		Run flag = this.pm.pm("--db", elsewhere.toString(), "db", "status");
		Run variable = launcher(this.project, server).with("PM_DB_PATH", elsewhere.toString()).pm("db", "status");
		Run fallback = launcher(outside, server).pm("db", "status");

		assertThat(flag.out()).contains("path            " + elsewhere, "chosen by       --db");
		assertThat(variable.out()).contains("path            " + elsewhere, "chosen by       PM_DB_PATH");
		assertThat(fallback.out()).contains("path            " + this.home.resolve(".pm/pm.db"),
				"chosen by       the default (no .pm/pm.db in the working directory or above it)");
	}

	private void setUp(String server) throws Exception {
		this.home = Files.createDirectories(this.directory.resolve("home"));
		this.project = Files.createDirectories(this.directory.resolve("project"));
		this.pm = launcher(this.project, server);
	}

	private Launcher launcher(Path workingDirectory, String server) {
		return new Launcher(workingDirectory, server.equals("on")).with("HOME", this.home.toString())
			.with("PM_SERVER_DIR", this.directory.resolve("server").toString());
	}

}
