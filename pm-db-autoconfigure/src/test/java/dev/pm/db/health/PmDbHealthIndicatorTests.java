package dev.pm.db.health;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.pm.db.autoconfigure.PmDbAutoConfiguration;
import dev.pm.db.autoconfigure.health.PmDbHealthContributorAutoConfiguration;
import dev.pm.db.autoconfigure.replication.PmDbReplicationAutoConfiguration;
import dev.pm.db.jdbc.SqliteDataSource;
import dev.pm.db.replication.Replicator;
import dev.pm.testing.output.ExpectedOutputExtension;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.pm.db.test.Holder.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code db} health component: pm-db's, with what an operator needs, and never
 * waiting behind a transaction.
 */
@ExtendWith(ExpectedOutputExtension.class)
class PmDbHealthIndicatorTests {

	@TempDir
	Path dir;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PmDbAutoConfiguration.class,
				PmDbHealthContributorAutoConfiguration.class, DataSourceHealthContributorAutoConfiguration.class));

	private ApplicationContextRunner withFile() {
		return this.contextRunner.withPropertyValues("pm.db.path=" + this.dir.resolve("pm.db"));
	}

	@Test
	void replacesSpringBootsGenericDatabaseIndicatorUnderTheSameName() {
		withFile().run((context) -> {
			assertThat(context).hasSingleBean(HealthIndicator.class);
			assertThat(context.getBean("dbHealthIndicator")).isInstanceOf(PmDbHealthIndicator.class);
			assertThat(context).doesNotHaveBean("dbHealthContributor");
		});
	}

	@Test
	void backsOffWhenTheDbIndicatorIsDisabledOrActuatorIsAbsent() {
		withFile().withPropertyValues("management.health.db.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PmDbHealthIndicator.class));
		withFile().withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean(PmDbHealthIndicator.class));
	}

	@Test
	void healthyDatabaseIsUpWithPathSchemaJournalAndSizes() {
		withFile().run((context) -> {
			context.getBean(JdbcTemplate.class).update("INSERT INTO item (name) VALUES ('a')");
			Health health = context.getBean(PmDbHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("path", this.dir.resolve("pm.db").toString())
				.containsEntry("schemaVersion", "2")
				.containsEntry("journalMode", "wal")
				.containsEntry("busy", false)
				.doesNotContainKey("replication");
			assertThat((Long) health.getDetails().get("size")).isPositive();
			assertThat((Long) health.getDetails().get("walSize")).isPositive();
		});
	}

	@Test
	// A health check that waited for the connection would take the busy timeout, a minute
	// here: half of it is a margin no load reaches.
	@Tag("timing")
	void databaseBusyWithALongTransactionIsUpAndBusyAtOnce() throws Exception {
		withFile().withPropertyValues("pm.db.busy-timeout=60s").run((context) -> {
			CountDownLatch holding = new CountDownLatch(1);
			CountDownLatch finish = new CountDownLatch(1);
			Thread writer = new Thread(
					() -> context.getBean(TransactionTemplate.class).executeWithoutResult((status) -> {
						context.getBean(JdbcTemplate.class).update("INSERT INTO item (name) VALUES ('slow')");
						holding.countDown();
						await(finish);
					}), "long-transaction");
			writer.start();
			await(holding);
			long start = System.nanoTime();
			Health health = context.getBean(PmDbHealthIndicator.class).health(true);
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			finish.countDown();
			writer.join(10_000);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("busy", true).containsEntry("holder", "long-transaction");
			assertThat(health.getDetails().get("heldFor").toString()).startsWith("PT");
			assertThat(millis).isLessThan(30_000);
		});
	}

	@Test
	void aReplicatedDatabaseWhoseTargetFailsStaysUpAndReportsTheLagAndTheLastError(CapturedOutput output)
			throws Exception {
		Path replica = this.dir.resolve("replica");
		withFile().withConfiguration(AutoConfigurations.of(PmDbReplicationAutoConfiguration.class))
			.withPropertyValues("pm.db.replication.target=" + replica, "pm.db.replication.interval=1h")
			.run((context) -> {
				Replicator replicator = context.getBean(Replicator.class);
				replicator.replicate();
				Map<String, Object> working = replication(context.getBean(PmDbHealthIndicator.class).health(true));
				assertThat(working.get("target")).isEqualTo(replica.toString());
				assertThat(working.get("generation")).isEqualTo(replicator.status().generation());
				assertThat(working).containsEntry("standby", false).doesNotContainKey("lastError");
				Files.move(replica, this.dir.resolve("unmounted"));
				Files.writeString(replica, "a file where the target was");
				context.getBean(JdbcTemplate.class).update("INSERT INTO item (name) VALUES ('a')");
				replicator.replicate();
				Health failing = context.getBean(PmDbHealthIndicator.class).health(true);
				assertThat(failing.getStatus()).isEqualTo(Status.UP);
				assertThat(replication(failing).get("lastError").toString()).contains(replica.toString());
				assertThat(Duration.parse(replication(failing).get("lag").toString()))
					.isGreaterThanOrEqualTo(Duration.parse(working.get("lag").toString()));
			});
		assertThat(output).contains("Cannot replicate " + this.dir.resolve("pm.db") + " to " + replica);
	}

	@Test
	void anIndicatorMadeWithoutAReplicatorHasNoReplicationDetails() {
		withFile().run((context) -> {
			Health health = new PmDbHealthIndicator(context.getBean(SqliteDataSource.class), "flyway_schema_history")
				.health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("schemaVersion", "2").doesNotContainKey("replication");
		});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> replication(Health health) {
		return (Map<String, Object>) health.getDetails().get("replication");
	}

	@Test
	void longReadOnlyTransactionShowsAsTheHolderOfItsReaderAndLeavesTheWriterFree() throws Exception {
		withFile().withPropertyValues("pm.db.readers=2").run((context) -> {
			CountDownLatch holding = new CountDownLatch(1);
			CountDownLatch finish = new CountDownLatch(1);
			TransactionTemplate readOnly = new TransactionTemplate(
					context.getBean(TransactionTemplate.class).getTransactionManager());
			readOnly.setReadOnly(true);
			Thread reader = new Thread(() -> readOnly.executeWithoutResult((status) -> {
				context.getBean(JdbcTemplate.class).queryForList("SELECT name FROM item");
				holding.countDown();
				await(finish);
			}), "long-report");
			reader.start();
			await(holding);
			Health health = context.getBean(PmDbHealthIndicator.class).health(true);
			finish.countDown();
			reader.join(10_000);
			assertThat(health.getDetails()).containsEntry("busy", false);
			assertThat(health.getDetails().get("readers")).asInstanceOf(InstanceOfAssertFactories.LIST)
				.hasSize(2)
				.first()
				.asInstanceOf(InstanceOfAssertFactories.MAP)
				.containsEntry("holder", "long-report")
				.containsKey("heldFor");
			assertThat(health.getDetails().get("readers")).asInstanceOf(InstanceOfAssertFactories.LIST)
				.last()
				.isEqualTo(Map.of("holder", "none"));
		});
	}

	@Test
	void databaseFileThatIsGoneIsDown(CapturedOutput output) {
		withFile().run((context) -> {
			Files.delete(this.dir.resolve("pm.db"));
			Health health = context.getBean(PmDbHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().get("error").toString()).contains("is gone");
		});
		assertThat(output).contains("Invocation of destroy method failed on bean with name 'dataSource'")
			.contains("Cannot read or change the permissions of " + this.dir.resolve("pm.db"));
	}

	@Test
	void inMemoryDatabaseIsUpWithoutFileSizes() {
		this.contextRunner.withPropertyValues("pm.db.path=:memory:", "pm.db.migration.locations=classpath:db/none")
			.run((context) -> {
				Health health = context.getBean(PmDbHealthIndicator.class).health(true);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("path", ":memory:")
					.containsEntry("schemaVersion", "none")
					.doesNotContainKey("size")
					.doesNotContainKey("readers");
			});
	}

}
