package dev.pm.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.pm.db.autoconfigure.PmDbAutoConfiguration;
import dev.pm.db.test.ChildJvm;
import dev.pm.db.test.WriterApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} at random moments of an application's life: during the first start on a
 * fresh path (the switch to WAL, a slow migration), and while it commits with read-only
 * transactions running beside (on the read-only connections). After every kill the
 * database opens, is sound, and holds every commit that was acknowledged. CI runs a few
 * rounds; {@code -Dpm.db.crash-rounds=200} runs the full-size loop of README's
 * Reliability.
 */
class CrashLoopTests {

	private static final String LOCATIONS = "classpath:db/migration/base,classpath:db/crash";

	@TempDir
	Path dir;

	@Test
	void noAcknowledgedCommitIsLostAndTheDatabaseAlwaysOpensAgain() throws Exception {
		int rounds = Integer.getInteger("pm.db.crash-rounds", 6);
		long seed = Long.getLong("pm.db.crash-seed", System.nanoTime());
		Random random = new Random(seed);
		int acknowledged = 0;
		Path file = null;
		for (int round = 0; round < rounds; round++) {
			if (file == null || random.nextInt(3) == 0) {
				file = this.dir.resolve("round-" + round + "/pm.db");
			}
			// Half the kills land anywhere in the start-up, half among the commits.
			boolean duringStartUp = random.nextBoolean();
			Acknowledged written = duringStartUp ? kill(file, random.nextInt(3000), Integer.MAX_VALUE)
					: kill(file, 60_000, 1 + random.nextInt(300));
			acknowledged += written.count();
			String context = "seed " + seed + ", round " + round + ", " + written;
			verify(file, written, context);
		}
		System.out.println("crash loop: " + rounds + " kills, " + acknowledged + " acknowledged commits, 0 lost (seed "
				+ seed + ")");
	}

	// SIGKILL after millis, or once commits were acknowledged, whichever comes first.
	private Acknowledged kill(Path file, int millis, int commits) throws Exception {
		Process writer = ChildJvm.start(List.of("-Dpm.db.migration.locations=" + LOCATIONS), WriterApplication.class,
				file.toString(), "loop");
		CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS).execute(writer::destroyForcibly);
		Acknowledged written = read(writer, commits);
		assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return written;
	}

	private static Acknowledged read(Process writer, int commits) {
		int first = 0;
		int last = 0;
		try (BufferedReader output = ChildJvm.output(writer)) {
			for (String line = output.readLine(); line != null; line = output.readLine()) {
				if (line.startsWith("first ")) {
					first = Integer.parseInt(line.substring(6));
				}
				else if (line.startsWith("ack ")) {
					last = Integer.parseInt(line.substring(4));
					if (last - first + 1 >= commits) {
						writer.destroyForcibly();
					}
				}
			}
		}
		catch (IOException ex) {
			// The pipe breaks with the kill; what was read counts.
		}
		return new Acknowledged(first, last);
	}

	private void verify(Path file, Acknowledged written, String context) {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PmDbAutoConfiguration.class))
			.withPropertyValues("pm.db.path=" + file, "pm.db.migration.locations=" + LOCATIONS)
			.run((application) -> {
				assertThat(application).as(context).hasNotFailed();
				JdbcTemplate jdbc = application.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForObject("PRAGMA integrity_check", String.class)).as(context).isEqualTo("ok");
				TransactionTemplate readOnly = new TransactionTemplate(
						application.getBean(PlatformTransactionManager.class));
				readOnly.setReadOnly(true);
				// Read on a reader: what it sees of the recovered file is what the writer
				// would see.
				Integer seen = readOnly
					.execute((status) -> jdbc.queryForObject("SELECT count(*) FROM item WHERE id BETWEEN ? AND ?",
							Integer.class, written.first(), written.last()));
				assertThat(seen).as(context).isEqualTo(written.count());
			});
	}

	private record Acknowledged(int first, int last) {

		int count() {
			return (this.last >= this.first && this.first > 0) ? this.last - this.first + 1 : 0;
		}

	}

}
