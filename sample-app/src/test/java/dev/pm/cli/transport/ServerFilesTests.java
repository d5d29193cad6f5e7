package dev.pm.cli.transport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a client tells that a server is there, or on its way, before it listens.
 */
class ServerFilesTests {

	@TempDir
	Path directory;

	@Test
	void noServerBeforeAnyoneStartsOne() throws Exception {
		assertThat(files().hasServer()).isFalse();
	}

	@Test
	void aServerProcessAClientStartedCountsUntilItListens() throws Exception {
		ServerFiles files = files();
		files.markStarting(ProcessHandle.current().pid());

		assertThat(files.hasServer()).as("started, lock not taken yet").isTrue();
		files.clearStarting();
		assertThat(files.hasServer()).as("listening now: the lock tells").isFalse();
	}

	@Test
	void aStartedServerThatDiedBeforeListeningDoesNotCount() throws Exception {
		Process dead = new ProcessBuilder("true").start();
		dead.waitFor();
		ServerFiles files = files();
		files.markStarting(dead.pid());

		assertThat(files.hasServer()).isFalse();
	}

	@Test
	void withoutADirectoryVariableTheServerLivesInTmpdirAsTheReadmeSays() {
		ServerFiles files = ServerFiles.of(this.directory.resolve("pm.db"),
				Map.of("TMPDIR", this.directory.resolve("tmp").toString()));

		assertThat(files.directory())
			.isEqualTo(this.directory.resolve("tmp").resolve("pm-" + System.getProperty("user.name")));
	}

	@Test
	void anEmptyTmpdirIsTreatedAsUnset() {
		ServerFiles files = ServerFiles.of(this.directory.resolve("pm.db"), Map.of("TMPDIR", ""));

		assertThat(files.directory())
			.isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "pm-" + System.getProperty("user.name"))
				.toAbsolutePath()
				.normalize());
	}

	private ServerFiles files() throws Exception {
		ServerFiles files = ServerFiles.of(this.directory.resolve("pm.db"),
				Map.of(ServerFiles.DIRECTORY_VARIABLE, this.directory.resolve("server").toString()));
		files.createDirectory();
		return files;
	}

	@Test
	void aLogOverOneMebibyteMovesAsideBeforeTheNextServerAndASmallerOneStays() throws Exception {
		ServerFiles files = files();
		Files.createDirectories(files.log().getParent());
		Files.writeString(files.log(), "earlier server\n");
		files.rotateLogIfLarge();
		assertThat(files.log()).hasContent("earlier server");

		Files.write(files.log(), new byte[(int) ServerFiles.MAX_LOG_BYTES + 1]);
		files.rotateLogIfLarge();

		assertThat(files.log()).doesNotExist();
		assertThat(files.log().resolveSibling(files.log().getFileName() + ".1")).hasSize(ServerFiles.MAX_LOG_BYTES + 1);
	}

}
