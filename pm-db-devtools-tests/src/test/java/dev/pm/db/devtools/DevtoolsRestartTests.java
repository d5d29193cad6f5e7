package dev.pm.db.devtools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A devtools restart closes pm-db's connection and opens it again, on the same file,
 * without {@code database is locked}. Devtools restarts only an application started from
 * a plain {@code main}, so the application runs in a child JVM.
 */
class DevtoolsRestartTests {

	@TempDir
	Path dir;

	@Test
	void restartReopensTheDatabase() throws Exception {
		Process application = new ProcessBuilder(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
						System.getProperty("java.class.path"), RestartedApplication.class.getName(),
						"--pm.db.path=" + this.dir.resolve("restarted.db"), "--spring.main.banner-mode=off",
						"--spring.devtools.restart.log-condition-evaluation-delta=false"))
			.redirectErrorStream(true)
			.start();
		CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(application));
		assertThat(application.waitFor(120, TimeUnit.SECONDS)).isTrue();
		String log = output.get(10, TimeUnit.SECONDS);
		assertThat(log).contains("restarting").contains("starts 2").doesNotContain("database is locked");
		assertThat(log).contains("restartedMain");
		assertThat(application.exitValue()).as(log).isZero();
	}

	private static String readAll(Process process) {
		try {
			return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
