package dev.pm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.pm.bench.Rounds.Sample;
import dev.pm.bench.Rounds.Variant;

/**
 * {@link EmptySpringBootApplication} run as pm's launcher runs pm: C1 only, with a
 * class-data archive of its own (a dynamic CDS archive before JDK 25, an AOT cache from
 * JDK 25 on), trained once before the rounds.
 *
 * @author pm-db
 */
final class SpringBootAlone {

	private final String java;

	private final List<String> archiveOptions;

	private SpringBootAlone(String java, List<String> archiveOptions) {
		this.java = java;
		this.archiveOptions = archiveOptions;
	}

	/**
	 * Train the archive of a JDK.
	 * @param javaHome the JDK, or {@code null} for the one running the benchmarks
	 * @param workspace where the archive goes
	 * @return the application, ready to be timed
	 * @throws Exception if the training run fails
	 */
	static SpringBootAlone trained(Path javaHome, Workspace workspace) throws Exception {
		String java = (javaHome != null) ? javaHome.resolve("bin/java").toString() : ChildProcess.javaExecutable();
		int major = major(javaHome);
		boolean aotCache = major >= 25;
		Path archive = workspace.directory().resolve("empty-spring-boot-" + major + (aotCache ? ".aot" : ".jsa"));
		List<String> training = new ArrayList<>(
				List.of(java, (aotCache ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + archive));
		training.addAll(classPathAndMain());
		ChildProcess.run(training, Map.of(), workspace.directory());
		return new SpringBootAlone(java, aotCache ? List.of("-XX:AOTCache=" + archive, "-Xlog:aot=off", "-Xlog:cds=off")
				: List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
	}

	Variant variant(String name, Workspace workspace) {
		List<String> command = new ArrayList<>(List.of(this.java, "-XX:TieredStopAtLevel=1"));
		command.addAll(this.archiveOptions);
		command.addAll(classPathAndMain());
		return new Variant(name, "ms",
				() -> new Sample(ChildProcess.run(command, Map.of(), workspace.directory()).wallNanos() / 1e6, 0));
	}

	private static List<String> classPathAndMain() {
		List<String> command = ChildProcess.javaCommand(EmptySpringBootApplication.class);
		return command.subList(1, command.size());
	}

	private static int major(Path javaHome) {
		String version = (javaHome != null) ? releaseVersion(javaHome)
				: System.getProperty("java.specification.version");
		return Integer.parseInt(version.split("[.+-]")[0]);
	}

	private static String releaseVersion(Path javaHome) {
		try {
			for (String line : Files.readAllLines(javaHome.resolve("release"))) {
				if (line.startsWith("JAVA_VERSION=")) {
					return line.substring("JAVA_VERSION=".length()).replace("\"", "");
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the release file of " + javaHome, ex);
		}
		throw new IllegalStateException("No JAVA_VERSION in the release file of " + javaHome);
	}

}
