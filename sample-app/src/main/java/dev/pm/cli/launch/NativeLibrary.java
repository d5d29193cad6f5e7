package dev.pm.cli.launch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * sqlite-jdbc's native library, extracted once into the application's directory
 * ({@code pm-app/native/}) instead of into the temporary directory on every start: that
 * costs time, leaves a 1 MB file behind whenever a process is killed, and, with processes
 * starting at once, made sqlite-jdbc log a stack trace when another process deleted "its
 * old" library first. sqlite-jdbc loads a library named by {@code org.sqlite.lib.path}
 * and {@code org.sqlite.lib.name} as it is.
 */
public final class NativeLibrary {

	/** The system property the launcher sets to the application's directory. */
	static final String APPLICATION_DIRECTORY = "pm.app";

	private NativeLibrary() {
	}

	/**
	 * Points sqlite-jdbc at the extracted library, extracting it first if needed. Without
	 * the launcher's {@value #APPLICATION_DIRECTORY}, or where it cannot be written,
	 * sqlite-jdbc does as it always does.
	 */
	public static void useExtractedCopy() {
		String application = System.getProperty(APPLICATION_DIRECTORY);
		if (application == null || System.getProperty("org.sqlite.lib.path") != null) {
			return;
		}
		String name = System.mapLibraryName("sqlitejdbc");
		// Named after the JVM's platform, not after sqlite-jdbc's folder of it: finding
		// that folder runs `uname -o` on Linux (to tell Android apart), a process on
		// every start.
		Path directory = Path.of(application, "native", sqliteJdbcVersion(),
				System.getProperty("os.name") + "-" + System.getProperty("os.arch"));
		Path library = directory.resolve(name);
		if (!Files.isRegularFile(library)
				&& !extract("/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name,
						library)) {
			return;
		}
		System.setProperty("org.sqlite.lib.path", directory.toString());
		System.setProperty("org.sqlite.lib.name", name);
		// sqlite-jdbc lists its "temporary directory" on every start, to delete the
		// libraries of processes gone: the system's, with every other program's files, is
		// slow to list, and the copies there belong to others.
		if (System.getProperty("org.sqlite.tmpdir") == null) {
			System.setProperty("org.sqlite.tmpdir", directory.toString());
		}
	}

	/**
	 * The version of the sqlite-jdbc this build bundles, written into pm's jar at build
	 * time: reading it from sqlite-jdbc's jar opened that 14 MB jar (a hundredth of a
	 * start), and {@link SQLiteJDBCLoader#getVersion()} would initialise that class,
	 * whose logger set up logging before any command needed it.
	 */
	static String sqliteJdbcVersion() {
		Properties build = new Properties();
		try (InputStream in = NativeLibrary.class.getResourceAsStream("sqlite-jdbc.properties")) {
			if (in != null) {
				build.load(in);
			}
		}
		catch (IOException ex) {
			// The version is then unknown, as sqlite-jdbc's own would be.
		}
		return build.getProperty("version", "unknown");
	}

	private static boolean extract(String resource, Path library) {
		try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
			if (in == null) {
				return false;
			}
			Files.createDirectories(library.getParent());
			// Processes starting at once each write their own copy; the last move wins,
			// and every one of them sees a whole file.
			Path copy = Files.createTempFile(library.getParent(), library.getFileName().toString(), ".part");
			try {
				Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
				Files.move(copy, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			finally {
				Files.deleteIfExists(copy);
			}
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
