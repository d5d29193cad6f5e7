package dev.pm.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.pm.bench.Rounds.Sample;
import dev.pm.bench.Rounds.Variant;
import dev.pm.testing.postgres.PostgresDatabase;
import dev.pm.testing.postgres.PostgresServer;
import org.slf4j.LoggerFactory;

/**
 * Scenario 8: a team of 16 agents, each a thread running {@code pm task claim} then
 * {@code pm task complete} until no task is left, through {@code pm}'s own entry point in
 * this JVM: on SQLite through pm-db (one process, its one leased connection, as 16 agents
 * on one machine share the file) and on PostgreSQL (a real server started from Maven
 * artifacts with its durable defaults, each agent on its own connection). Each round
 * first adds the tasks (not timed), then times the team draining them; afterwards every
 * task must be ready for review, each claimed by exactly one agent. Skipped, with a note,
 * when the sample app is not built.
 *
 * @author pm-db
 */
public final class TeamClaims implements Scenario {

	static final int AGENTS = 16;

	// The first key of `pm task claim --json` is the claimed task's; none when null.
	private static final Pattern CLAIMED_KEY = Pattern.compile("\"key\"\\s*:\\s*\"(T-[^\"]+)\"");

	private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

	private final Path sampleAppTarget;

	/**
	 * Create the scenario.
	 * @param sampleAppTarget the sample app's {@code target} directory, holding
	 * {@code pm-app/}
	 */
	public TeamClaims(Path sampleAppTarget) {
		this.sampleAppTarget = sampleAppTarget;
	}

	@Override
	public String name() {
		return "team";
	}

	@Override
	public ScenarioResult run(Workspace workspace, Sizes sizes) throws Exception {
		int tasks = tasksPerRound(sizes);
		String title = "8. team of " + AGENTS + " agents claiming and completing " + tasks + " tasks a round";
		Path extracted = this.sampleAppTarget.resolve("pm-app");
		if (!Files.isRegularFile(extracted.resolve("pm.jar"))) {
			return new ScenarioResult(title, List.of(), List.of(),
					List.of("skipped: " + extracted.toAbsolutePath() + " is missing; build it with"
							+ " `./mvnw -q -B -pl sample-app -am package -DskipTests` and run again"));
		}
		Map<String, LongAdder> failures = new ConcurrentHashMap<>();
		// The server's own log, line by line, would drown the tables.
		((Logger) LoggerFactory.getLogger("io.zonky")).setLevel(Level.WARN);
		try (PostgresServer server = PostgresServer.start(PostgresServer.DURABLE);
				PmInProcess sqlite = PmInProcess.load(extracted, Map.of(),
						Map.of("pm.db.path", workspace.newDatabase("team").toString()));
				PmInProcess postgresql = PmInProcess.load(extracted, environment(server.createDatabase()),
						Map.of("spring.datasource.hikari.maximum-pool-size", String.valueOf(AGENTS)))) {
			Team onSqlite = new Team(sqlite, tasks, failures);
			Team onPostgresql = new Team(postgresql, tasks, failures);
			List<Series> series = sizes.schedule()
				.run(List.of(
						new Variant("pm-db on SQLite, " + AGENTS + " threads sharing its connection", "tasks/s",
								onSqlite::round),
						new Variant("PostgreSQL, " + AGENTS + " threads, a connection each", "tasks/s",
								onPostgresql::round)));
			List<Check> checks = List.of(
					Check.report("team: PostgreSQL / pm-db on SQLite", series.get(1).ratioTo(series.get(0))),
					Check.under("team: failed commands, both databases",
							new double[] { series.get(0).failures() + series.get(1).failures() }, 1));
			List<String> notes = new ArrayList<>();
			notes.add("a task = one `pm task claim --json` and one `pm task complete` (two write transactions);"
					+ " SQLite synchronous=full (pm's default), PostgreSQL fsync and synchronous_commit on (its"
					+ " defaults); both data directories in " + workspace.directory().getParent());
			new TreeMap<>(failures).forEach(
					(kind, count) -> notes.add("failed commands (warm-up included): " + count.sum() + " × " + kind));
			return new ScenarioResult(title, series, checks, notes);
		}
	}

	static int tasksPerRound(Sizes sizes) {
		return Math.max(AGENTS * 2, Math.min(sizes.rows() / 25, 400));
	}

	private static Map<String, String> environment(PostgresDatabase database) {
		return Map.of("PM_DB_URL", database.url(), "PM_DB_USER", database.username(), "PM_DB_PASSWORD",
				database.password());
	}

	/**
	 * One database's team: each round a new feature of tasks, then the agents.
	 */
	private static final class Team {

		private final PmInProcess pm;

		private final int tasks;

		private final Map<String, LongAdder> failures;

		private int round;

		Team(PmInProcess pm, int tasks, Map<String, LongAdder> failures) {
			this.pm = pm;
			this.tasks = tasks;
			this.failures = failures;
			pm.run("epic", "add", "E01", "Team work");
		}

		Sample round() throws InterruptedException {
			String feature = "E01-F%02d".formatted(++this.round);
			this.pm.run("feature", "add", feature, "Round " + this.round, "--epic", "E01");
			for (int task = 1; task <= this.tasks; task++) {
				this.pm.run("task", "add", "T-%s-%03d".formatted(feature, task), "Task " + task, "--feature", feature);
			}
			LongAdder failed = new LongAdder();
			AtomicInteger completed = new AtomicInteger();
			Map<String, String> claimedBy = new ConcurrentHashMap<>();
			CountDownLatch start = new CountDownLatch(1);
			List<Thread> agents = new ArrayList<>();
			for (int agent = 1; agent <= AGENTS; agent++) {
				String name = "agent-" + agent;
				Thread thread = new Thread(() -> work(name, feature, start, completed, failed, claimedBy),
						"bench-" + name);
				thread.start();
				agents.add(thread);
			}
			long begin = System.nanoTime();
			start.countDown();
			for (Thread agent : agents) {
				agent.join();
			}
			long elapsed = System.nanoTime() - begin;
			verify(feature, claimedBy);
			return new Sample(completed.get() * 1e9 / elapsed, failed.sum());
		}

		private void work(String agent, String feature, CountDownLatch start, AtomicInteger completed, LongAdder failed,
				Map<String, String> claimedBy) {
			try {
				start.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			while (true) {
				String key;
				try {
					Matcher claimed = CLAIMED_KEY
						.matcher(this.pm.output("task", "claim", "--feature", feature, "--agent", agent, "--json"));
					if (!claimed.find()) {
						return;
					}
					key = claimed.group(1);
					this.pm.run("task", "complete", key, "--notes", "done by " + agent);
				}
				catch (RuntimeException ex) {
					failed.increment();
					this.failures
						.computeIfAbsent(String.valueOf(ex.getMessage()).lines().findFirst().orElse(""),
								(kind) -> new LongAdder())
						.increment();
					continue;
				}
				if (claimedBy.putIfAbsent(key, agent) != null) {
					throw new IllegalStateException(key + " was claimed twice");
				}
				completed.incrementAndGet();
			}
		}

		private void verify(String feature, Map<String, String> claimedBy) {
			String list = this.pm.output("task", "list", "--feature", feature, "--status", "ready_for_review",
					"--json");
			Matcher count = COUNT.matcher(list);
			int ready = count.find() ? Integer.parseInt(count.group(1)) : -1;
			if (claimedBy.size() != this.tasks || ready != this.tasks) {
				throw new IllegalStateException("the team left work undone in " + feature + ": " + claimedBy.size()
						+ " of " + this.tasks + " tasks claimed, " + ready + " ready for review");
			}
		}

	}

}
