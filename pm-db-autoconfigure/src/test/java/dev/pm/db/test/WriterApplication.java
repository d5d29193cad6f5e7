package dev.pm.db.test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A user application run as a child JVM: {@code PATH loop} writes one row per transaction
 * forever, ids on from the largest there is (printed as {@code first N}), and prints
 * {@code ack N} after each commit, while two other threads loop read-only transactions
 * (on the read-only connections); {@code PATH count N PREFIX} writes N rows, each in a
 * read-then-write transaction, and exits.
 */
@Configuration(proxyBeanMethods = false)
// Hibernate is on the test class path for pm-db's JPA tests: this application is JDBC
// only.
@EnableAutoConfiguration(
		excludeName = { "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
				"org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration" })
public class WriterApplication {

	public static void main(String[] args) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WriterApplication.class)
			.web(WebApplicationType.NONE)
			.properties("pm.db.path=" + args[0], "logging.level.root=warn", "spring.main.banner-mode=off")
			.run()) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
			if (args[1].equals("loop")) {
				int first = jdbc.queryForObject("SELECT coalesce(max(id), 0) + 1 FROM item", Integer.class);
				System.out.println("first " + first);
				TransactionTemplate readOnly = new TransactionTemplate(transactions.getTransactionManager());
				readOnly.setReadOnly(true);
				for (int r = 0; r < 2; r++) {
					Thread reader = new Thread(() -> {
						for (;;) {
							readOnly
								.execute((status) -> jdbc.queryForObject("SELECT count(*) FROM item", Integer.class));
						}
					}, "reader-" + r);
					reader.setDaemon(true);
					reader.start();
				}
				for (int i = first;; i++) {
					int id = i;
					transactions.executeWithoutResult(
							(status) -> jdbc.update("INSERT INTO item (id, name) VALUES (?, ?)", id, "row-" + id));
					System.out.println("ack " + id);
				}
			}
			int rows = Integer.parseInt(args[2]);
			for (int i = 0; i < rows; i++) {
				String name = args[3] + "-" + i;
				transactions.executeWithoutResult((status) -> {
					jdbc.queryForObject("SELECT count(*) FROM item", Integer.class);
					jdbc.update("INSERT INTO item (name) VALUES (?)", name);
				});
			}
			System.out.println("done " + rows);
		}
	}

}
