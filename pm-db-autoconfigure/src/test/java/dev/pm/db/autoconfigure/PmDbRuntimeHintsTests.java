package dev.pm.db.autoconfigure;

import java.sql.Connection;

import dev.pm.db.jdbc.SqliteDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.ConnectionProxy;

import static org.assertj.core.api.Assertions.assertThat;

class PmDbRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void registersTheMigrationsAtTheDefaultLocation() {
		new PmDbRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.resource().forResource("db/migration/V1__create_item.sql"))
			.accepts(this.hints);
	}

	@Test
	void registersTheProxyThatEachLeaseIs() throws Exception {
		new PmDbRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PmDbAutoConfiguration.class))
			.withPropertyValues("pm.db.path=:memory:")
			.run((context) -> {
				try (Connection lease = context.getBean(SqliteDataSource.class).getConnection()) {
					assertThat(lease).isInstanceOf(ConnectionProxy.class);
					assertThat(RuntimeHintsPredicates.proxies().forInterfaces(lease.getClass().getInterfaces()))
						.accepts(this.hints);
				}
			});
	}

}
