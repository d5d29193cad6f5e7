package dev.pm.db.test.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import dev.pm.db.data.jdbc.SqliteDialect;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's own {@code @DataJdbcTest}, with nothing added, runs repositories on a
 * fresh pm-db database with pm-db's SQLite dialect.
 */
@DataJdbcTest
class DataJdbcTestTests {

	@Autowired
	ItemRepository items;

	@Test
	void repositoriesRunOnAFreshPmDbDatabase(@Autowired DataSource dataSource, @Autowired JdbcDialect dialect)
			throws Exception {
		TestDatabases.assertFreshTemporaryFile(dataSource);
		assertThat(dialect).isSameAs(SqliteDialect.INSTANCE);
		this.items.saveAll(List.of(new Item(null, "open", false), new Item(null, "closed", true)));
		assertThat(this.items.findByDone(true)).extracting(Item::name).containsExactly("closed");
	}

}
