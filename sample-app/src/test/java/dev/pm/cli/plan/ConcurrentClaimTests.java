package dev.pm.cli.plan;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.pm.cli.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sixteen agents, each a thread with its own connection on PostgreSQL, claim from 100
 * available tasks at the same moment, until none is left: every task is claimed exactly
 * once, no claim fails, and the history agrees with the tasks; and again when every task
 * is held by an agent whose claims all expired, so that each claim first expires the
 * others' leases. The same tests on SQLite and on PostgreSQL. (PmJarIT does the same with
 * sixteen {@code pm} processes.)
 */
class ConcurrentClaimTests {

	private static final int TASKS = 100;

	private static final int AGENTS = 16;

	@TempDir
	Path directory;

	private TaskService tasks;

	private JdbcClient jdbc;

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void sixteenAgentsClaimEveryTaskExactlyOnce(TestDatabase database) throws Exception {
		try (ConfigurableApplicationContext context = database.start(this.directory,
				Map.of("spring.datasource.hikari.maximum-pool-size", String.valueOf(AGENTS)))) {
			this.tasks = context.getBean(TaskService.class);
			this.jdbc = context.getBean(JdbcClient.class);
			claimConcurrently(context.getBean(EpicService.class), context.getBean(FeatureService.class));
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void sixteenAgentsTakeOverEveryExpiredClaimExactlyOnce(TestDatabase database) throws Exception {
		try (ConfigurableApplicationContext context = database.start(this.directory,
				Map.of("spring.datasource.hikari.maximum-pool-size", String.valueOf(AGENTS)))) {
			this.tasks = context.getBean(TaskService.class);
			this.jdbc = context.getBean(JdbcClient.class);
			addTasks(context.getBean(EpicService.class), context.getBean(FeatureService.class));
			while (this.tasks.claim(WorkFilter.anyTask(), "dead-agent", Duration.ofHours(1)).task() != null) {
				// Every task claimed by an agent that will never renew its lease.
			}
			this.jdbc.sql("UPDATE task SET lease_expires_at = '2000-01-01T00:00:00Z'").update();

			claimConcurrently();

			assertThat(pairs("SELECT task_key, notes FROM task_history WHERE event = 'expired'")).hasSize(TASKS)
				.allSatisfy((key, notes) -> assertThat(notes).startsWith("claim of dead-agent expired"));
			// Each task: created, claimed, expired, claimed again; and the epic's and the
			// feature's created rows.
			assertThat(new PlanDatabase(this.jdbc).count("task_history")).isEqualTo(TASKS * 4 + 2);
		}
	}

	private void addTasks(EpicService epics, FeatureService features) {
		epics.add("E01", "Load", "tester");
		features.add("E01-F01", "Claims", "E01", "tester");
		for (int i = 1; i <= TASKS; i++) {
			this.tasks.add(new NewTask("T-E01-F01-%03d".formatted(i), "Task " + i, "E01-F01", List.of(), null, null),
					"planner");
		}
	}

	private void claimConcurrently(EpicService epics, FeatureService features) throws Exception {
		addTasks(epics, features);
		claimConcurrently();
	}

	private void claimConcurrently() throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(AGENTS);
		List<Future<List<String>>> claims = new ArrayList<>();
		try {
			for (int agent = 1; agent <= AGENTS; agent++) {
				claims.add(threads.submit(claimUntilNoneIsLeft("agent-" + agent, start)));
			}
			start.countDown();
			Map<String, String> claimedBy = new HashMap<>();
			int claimCount = 0;
			for (int agent = 1; agent <= AGENTS; agent++) {
				for (String key : claims.get(agent - 1).get(2, TimeUnit.MINUTES)) {
					claimCount++;
					claimedBy.put(key, "agent-" + agent);
				}
			}

			assertThat(claimCount).isEqualTo(TASKS);
			assertThat(claimedBy).hasSize(TASKS);
			assertThat(pairs("SELECT key, assigned_agent FROM task WHERE status = 'in_progress'")).isEqualTo(claimedBy);
			assertThat(
					pairs("SELECT task_key, agent FROM task_history WHERE event = 'claimed' AND agent <> 'dead-agent'"))
				.isEqualTo(claimedBy);
		}
		finally {
			threads.shutdownNow();
		}
	}

	private Map<String, String> pairs(String sql) {
		return this.jdbc.sql(sql)
			.query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	private Callable<List<String>> claimUntilNoneIsLeft(String agent, CountDownLatch start) {
		return () -> {
			start.await();
			List<String> claimed = new ArrayList<>();
			for (Availability next = this.tasks.claim(WorkFilter.anyTask(), agent); next
				.task() != null; next = this.tasks.claim(WorkFilter.anyTask(), agent)) {
				claimed.add(next.task().key());
			}
			return claimed;
		};
	}

}
