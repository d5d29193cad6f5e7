package dev.pm.db.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata an IDE completes {@code pm.db.*} properties from.
 */
class ConfigurationMetadataTests {

	@Test
	@SuppressWarnings("unchecked")
	void everyPropertyHasADescriptionThatDoesNotStartWithAnArticle() throws IOException {
		Map<String, Object> metadata;
		try (InputStream json = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = JsonMapper.builder().build().readValue(json, Map.class);
		}
		List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
		assertThat(properties).extracting((property) -> property.get("name"))
			.containsExactlyInAnyOrder("pm.db.path", "pm.db.create-if-missing", "pm.db.busy-timeout",
					"pm.db.journal-mode", "pm.db.synchronous", "pm.db.foreign-keys", "pm.db.transaction-mode",
					"pm.db.statement-cache-size", "pm.db.readers", "pm.db.optimize-interval",
					"pm.db.checkpoint-interval", "pm.db.wal-size-warning", "pm.db.pragmas", "pm.db.file-permissions",
					"pm.db.integrity-check", "pm.db.migration.enabled", "pm.db.migration.locations",
					"pm.db.migration.expected-version", "pm.db.allow-unsafe-journal-mode",
					"pm.db.allow-shared-file-permissions", "pm.db.shutdown-timeout",
					"pm.db.migration.baseline-on-migrate", "pm.db.migration.baseline-version",
					"pm.db.lease.leak-warning", "pm.db.integrity-check-interval", "pm.db.replication.target",
					"pm.db.replication.interval", "pm.db.replication.snapshot-interval", "pm.db.replication.retention");
		assertThat(properties).allSatisfy((property) -> assertThat((String) property.get("description")).isNotBlank()
			.doesNotStartWith("The ")
			.doesNotStartWith("A "));
		assertThat(properties).filteredOn((property) -> "java.lang.Boolean".equals(property.get("type")))
			.allSatisfy((property) -> assertThat((String) property.get("description")).startsWith("Whether"));
		assertThat(properties).filteredOn((property) -> "pm.db.busy-timeout".equals(property.get("name")))
			.singleElement()
			.satisfies((property) -> assertThat(property.get("defaultValue")).isEqualTo("5s"));
	}

}
