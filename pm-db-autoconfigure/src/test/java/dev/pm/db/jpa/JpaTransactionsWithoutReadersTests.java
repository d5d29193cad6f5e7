package dev.pm.db.jpa;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link JpaTransactionsTests} with read-only transactions on the writer, as without
 * read-only connections.
 */
@TestPropertySource(properties = "pm.db.readers=0")
class JpaTransactionsWithoutReadersTests extends JpaTransactionsTests {

}
