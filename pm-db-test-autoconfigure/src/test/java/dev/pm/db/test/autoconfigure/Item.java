package dev.pm.db.test.autoconfigure;

import org.springframework.data.annotation.Id;

/** A Spring Data JDBC entity, for {@code @DataJdbcTest}. */
public record Item(@Id Long id, String name, boolean done) {

}
