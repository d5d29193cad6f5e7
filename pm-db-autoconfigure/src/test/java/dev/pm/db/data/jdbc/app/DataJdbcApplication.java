package dev.pm.db.data.jdbc.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A user application with the starter and Spring Data JDBC (and no JPA, which the test
 * classpath also holds).
 */
@SpringBootApplication(excludeName = { "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
		"org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration" })
public class DataJdbcApplication {

}
