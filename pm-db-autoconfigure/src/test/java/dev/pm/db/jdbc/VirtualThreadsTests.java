package dev.pm.db.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.pm.db.test.ChildJvm;
import dev.pm.db.test.VirtualThreadWriters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Virtual threads through the lease, on JDK 24 or later in a child JVM (the build runs on
 * Java 17, which has none): 200 of them, each with short write and read-only
 * transactions, all finish, and JFR records no {@code jdk.VirtualThreadPinned} event.
 * Before JDK 24 (JEP 491) a virtual thread that waits inside {@code synchronized} pins
 * its carrier, and sqlite-jdbc's native calls are all {@code synchronized}.
 */
class VirtualThreadsTests {

	private static final Path JVMS = Path.of("/usr/lib/jvm");

	private static final int THREADS = 200;

	private static final int TRANSACTIONS = 10;

	private static final Pattern RESULT = Pattern.compile("result transactions (\\d+) rows (\\d+) pinned (\\d+)");

	@TempDir
	Path dir;

	@Test
	void manyVirtualThreadsWritingThroughTheLeaseAllFinishWithoutPinningTheirCarriers() throws Exception {
		Optional<Path> java = javaWithVirtualThreads();
		assumeThat(java)
			.as("a JDK 24 or later: this JVM is %s, and no %s/*/bin/java is one; "
					+ "set -Dpm.test.jdk24-home=DIR to test virtual threads", Runtime.version(), JVMS)
			.isPresent();
		Process child = ChildJvm.start(java.get(), List.of("-Xmx256m"), VirtualThreadWriters.class,
				this.dir.resolve("pm.db").toString(), Integer.toString(THREADS), Integer.toString(TRANSACTIONS));
		String output;
		try (BufferedReader reader = ChildJvm.output(child)) {
			output = reader.lines().collect(Collectors.joining("\n"));
		}
		assertThat(child.waitFor(1, TimeUnit.MINUTES)).as(output).isTrue();
		assertThat(child.exitValue()).as(output).isZero();
		Matcher control = Pattern.compile("control pinned (\\d+)").matcher(output);
		assertThat(control.find()).as(output).isTrue();
		// The recording sees a thread pinned on purpose: its 0 below is not a blind spot.
		assertThat(Integer.parseInt(control.group(1))).as(output).isPositive();
		Matcher result = RESULT.matcher(output);
		assertThat(result.find()).as(output).isTrue();
		assertThat(result.group(1)).isEqualTo(Integer.toString(THREADS * TRANSACTIONS));
		assertThat(result.group(2)).as("rows written").isEqualTo(result.group(1));
		assertThat(result.group(3)).as("pinned events:\n" + output).isEqualTo("0");
	}

	// This JVM when the build runs on JDK 24+; else the one configured, else an installed
	// one.
	private static Optional<Path> javaWithVirtualThreads() {
		if (Runtime.version().feature() >= 24) {
			return Optional.of(Path.of(System.getProperty("java.home"), "bin", "java"));
		}
		String configured = System.getProperty("pm.test.jdk24-home");
		if (configured != null) {
			return Optional.of(Path.of(configured, "bin", "java"));
		}
		if (!Files.isDirectory(JVMS)) {
			return Optional.empty();
		}
		try (Stream<Path> jdks = Files.list(JVMS)) {
			return jdks.filter((jdk) -> featureVersion(jdk) >= 24)
				.map((jdk) -> jdk.resolve("bin").resolve("java"))
				.filter(Files::isExecutable)
				.findFirst();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	// A JDK's release file names its version: JAVA_VERSION="25.0.1".
	private static int featureVersion(Path jdk) {
		Path release = jdk.resolve("release");
		if (!Files.isRegularFile(release)) {
			return 0;
		}
		try (Stream<String> lines = Files.lines(release)) {
			return lines.filter((line) -> line.startsWith("JAVA_VERSION=\""))
				.map((line) -> line.substring("JAVA_VERSION=\"".length()).split("[.\"]")[0])
				.mapToInt(Integer::parseInt)
				.findFirst()
				.orElse(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
