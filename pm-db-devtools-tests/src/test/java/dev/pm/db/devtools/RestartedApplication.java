package dev.pm.db.devtools;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.devtools.restart.Restarter;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A user application with the starter and devtools, run as a child JVM: each start
 * records itself in the database; the first start asks devtools to restart the
 * application, the second prints how many starts the database holds and exits.
 */
@SpringBootApplication
public class RestartedApplication {

	private static final String RESTARTED = "pm.test.restarted";

	public static void main(String[] args) {
		SpringApplication.run(RestartedApplication.class, args);
	}

	@Bean
	ApplicationRunner recordStart(JdbcClient jdbc) {
		return (arguments) -> {
			jdbc.sql("INSERT INTO start DEFAULT VALUES").update();
			if (System.getProperty(RESTARTED) == null) {
				System.setProperty(RESTARTED, "true");
				System.out.println("restarting");
				// Not on the thread that runs the application, which the restart stops.
				new Thread(() -> Restarter.getInstance().restart(), "restart").start();
				return;
			}
			System.out.println("starts " + jdbc.sql("SELECT count(*) FROM start").query(Integer.class).single());
			System.exit(0);
		};
	}

}
