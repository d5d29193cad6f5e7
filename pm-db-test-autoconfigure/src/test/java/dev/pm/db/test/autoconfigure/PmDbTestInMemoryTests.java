package dev.pm.db.test.autoconfigure;

import dev.pm.db.DatabaseInitializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@PmDbTest(inMemory = true)
class PmDbTestInMemoryTests {

	@Test
	void runsInMemoryWithTheMigrationsApplied(@Autowired DatabaseInitializer initializer) {
		assertThat(initializer.isInMemory()).isTrue();
		assertThat(initializer.getSchemaVersion()).hasValue("1");
	}

}
