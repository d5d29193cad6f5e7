package dev.pm.db.test;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Run in a child JVM of JDK 24 or later: {@code PATH THREADS TRANSACTIONS} starts
 * {@code THREADS} virtual threads that each run {@code TRANSACTIONS} short write
 * transactions and as many read-only ones through pm-db, while JFR records every
 * {@code jdk.VirtualThreadPinned} event. Prints {@code control pinned N} (a virtual
 * thread made to pin, so that a count of 0 later means the recording works), then
 * {@code result transactions N rows N pinned N} (pins while loading a class left out, see
 * below), or {@code unfinished} if the threads did not all end in time (a deadlock).
 * Compiled for Java 17: virtual threads are reached by reflection.
 */
public final class VirtualThreadWriters {

	private static final String PINNED = "jdk.VirtualThreadPinned";

	private static final Set<String> CLASS_LOADING = Set.of("loadClass", "loadClassOrNull", "defineClass1");

	private VirtualThreadWriters() {
	}

	public static void main(String[] args) throws Exception {
		int threads = Integer.parseInt(args[1]);
		int transactions = Integer.parseInt(args[2]);
		System.out.println("control pinned " + pinnedWhile(VirtualThreadWriters::pinOnPurpose));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WriterApplication.class)
			.web(WebApplicationType.NONE)
			// Waiting is not what this checks: a loaded machine may make 200 threads wait
			// long.
			.properties("pm.db.path=" + args[0], "pm.db.synchronous=normal", "pm.db.busy-timeout=120s",
					"logging.level.root=warn", "spring.main.banner-mode=off")
			.run()) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			TransactionTemplate writes = context.getBean(TransactionTemplate.class);
			TransactionTemplate reads = new TransactionTemplate(writes.getTransactionManager());
			reads.setReadOnly(true);
			// A first round, not recorded, loads the classes of the path (see
			// loadsAClass).
			write(jdbc, writes, reads, "warm-up", 20, 5);
			int before = count(jdbc);
			int pinned = pinnedWhile(() -> write(jdbc, writes, reads, "virtual", threads, transactions));
			System.out.println("result transactions " + threads * transactions + " rows " + (count(jdbc) - before)
					+ " pinned " + pinned);
		}
	}

	private static Void write(JdbcTemplate jdbc, TransactionTemplate writes, TransactionTemplate reads, String prefix,
			int threads, int transactions) throws Exception {
		ExecutorService executor = virtualThreads();
		for (int thread = 0; thread < threads; thread++) {
			String name = prefix + "-" + thread;
			executor.submit(() -> {
				for (int i = 0; i < transactions; i++) {
					String row = name + "-" + i;
					writes.executeWithoutResult((status) -> jdbc.update("INSERT INTO item (name) VALUES (?)", row));
					reads.execute((status) -> count(jdbc));
				}
				return null;
			});
		}
		executor.shutdown();
		if (!executor.awaitTermination(3, TimeUnit.MINUTES)) {
			System.out.println("unfinished");
			System.exit(1);
		}
		return null;
	}

	private static int count(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT count(*) FROM item", Integer.class);
	}

	private static ExecutorService virtualThreads() throws Exception {
		Method factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
		return (ExecutorService) factory.invoke(null);
	}

	// A virtual thread that parks in a class initializer stays on its carrier, in every
	// JDK so far.
	private static Void pinOnPurpose() throws Exception {
		ExecutorService executor = virtualThreads();
		executor.submit(ParksInItsInitializer::touch).get();
		executor.shutdown();
		return null;
	}

	private static int pinnedWhile(Callable<Void> work) throws Exception {
		Path file = Files.createTempFile("pinned", ".jfr");
		try (Recording recording = new Recording()) {
			recording.enable(PINNED).withThreshold(Duration.ZERO).withStackTrace();
			recording.start();
			work.call();
			recording.stop();
			recording.dump(file);
		}
		List<RecordedEvent> events = RecordingFile.readAllEvents(file);
		Files.delete(file);
		List<RecordedEvent> pinned = events.stream()
			.filter((event) -> event.getEventType().getName().equals(PINNED))
			.filter((event) -> !loadsAClass(event))
			.toList();
		pinned.forEach((event) -> System.out.println("pinned at " + event.getStackTrace()));
		return pinned.size();
	}

	// Class loading pins a virtual thread: the VM calls loadClass from native code, and a
	// thread that then waits for the class loader's lock or defines the class stays on
	// its
	// carrier. A JDK limitation, once per class, whichever thread happens to load it
	// first; the lease is not in it.
	private static boolean loadsAClass(RecordedEvent event) {
		return event.getStackTrace()
			.getFrames()
			.stream()
			.anyMatch((frame) -> CLASS_LOADING.contains(frame.getMethod().getName()));
	}

	private static final class ParksInItsInitializer {

		static {
			LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
		}

		static void touch() {
		}

	}

}
