package dev.pm.db.test.autoconfigure;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application under test: its {@code application.properties} points pm-db at a real
 * database that no test may touch, and it has a component that slices must leave out.
 */
@SpringBootApplication
public class TestApplication {

}
