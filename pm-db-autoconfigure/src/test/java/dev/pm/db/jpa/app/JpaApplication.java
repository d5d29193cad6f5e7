package dev.pm.db.jpa.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A user application with the starter, Spring Data JPA and Hibernate's community SQLite
 * dialect, on the {@code item} table of the test migrations.
 */
@SpringBootApplication
public class JpaApplication {

}
