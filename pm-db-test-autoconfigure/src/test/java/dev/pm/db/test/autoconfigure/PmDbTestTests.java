package dev.pm.db.test.autoconfigure;

import javax.sql.DataSource;

import dev.pm.db.DatabaseInitializer;
import dev.pm.db.jdbc.SqliteTransactionManager;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

@PmDbTest(properties = "spring.application.name=slice")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PmDbTestTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Test
	@Order(1)
	void runsOnAFreshTemporaryFileWithTheMigrationsApplied(@Autowired DataSource dataSource,
			@Autowired DatabaseInitializer initializer) throws Exception {
		TestDatabases.assertFreshTemporaryFile(dataSource);
		assertThat(initializer.getSchemaVersion()).hasValue("1");
		assertThat(this.jdbc.sql("PRAGMA journal_mode").query(String.class).single()).isEqualTo("wal");
	}

	@Test
	@Order(2)
	void runsEachTestInATransaction() {
		assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isTrue();
		this.jdbc.sql("INSERT INTO item (name) VALUES ('rolled back')").update();
		assertThat(this.jdbc.sql("SELECT count(*) FROM item").query(Integer.class).single()).isOne();
	}

	@Test
	@Order(3)
	void rollsBackWhatTheTestBeforeWrote() {
		assertThat(this.jdbc.sql("SELECT count(*) FROM item").query(Integer.class).single()).isZero();
	}

	@Test
	void holdsPmDbAndTheTemplatesButNoneOfTheApplicationsComponents() {
		assertThat(this.context.getBean(PlatformTransactionManager.class)).isInstanceOf(SqliteTransactionManager.class);
		assertThat(this.context.getBeanNamesForType(JdbcTemplate.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(ItemService.class)).isEmpty();
		assertThat(this.context.getEnvironment().getProperty("spring.application.name")).isEqualTo("slice");
	}

}
