package dev.pm.db.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.pm.db.jdbc.JournalMode;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationMetadataHintsTests {

	@Test
	void journalModeHintsNameEveryJournalModeAndNothingElse() throws IOException {
		assertThat(hintValues("pm.db.journal-mode")).containsExactlyInAnyOrderElementsOf(
				Arrays.stream(JournalMode.values()).map((mode) -> mode.name().toLowerCase(Locale.ROOT)).toList());
	}

	@Test
	void pragmaKeyHintsAreAppliedAndVerifiedByPmDb() throws IOException {
		List<String> keys = hintValues("pm.db.pragmas.keys");
		assertThat(keys).contains("cache_size", "mmap_size");
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PmDbAutoConfiguration.class))
			.withPropertyValues("pm.db.path=:memory:")
			.withPropertyValues(keys.stream().map((key) -> "pm.db.pragmas." + key + "=0").toArray(String[]::new))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(PmDbProperties.class).getPragmas()).containsOnlyKeys(keys);
			});
	}

	@Test
	void pathHintsIncludeTheDefaultAndInMemory() throws IOException {
		assertThat(hintValues("pm.db.path")).containsExactly(new PmDbProperties().getPath(), ":memory:");
	}

	@SuppressWarnings("unchecked")
	private List<String> hintValues(String name) throws IOException {
		Map<String, Object> metadata;
		try (InputStream json = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = JsonMapper.builder().build().readValue(json, Map.class);
		}
		List<Map<String, Object>> hints = (List<Map<String, Object>>) metadata.get("hints");
		return hints.stream()
			.filter((hint) -> name.equals(hint.get("name")))
			.flatMap((hint) -> ((List<Map<String, Object>>) hint.get("values")).stream())
			.map((value) -> (String) value.get("value"))
			.toList();
	}

}
