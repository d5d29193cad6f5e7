package dev.pm.db.data.jdbc.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.data.jdbc.repository.config.EnableJdbcAuditing;

/**
 * A user application with the starter and Spring Data JDBC (and no JPA, which the test
 * classpath also holds), with auditing for {@code @CreatedDate}.
 */
@SpringBootApplication(excludeName = { "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
		"org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration" })
@EnableJdbcAuditing
public class DataJdbcApplication {

}
