package dev.pm.db.aot;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.pm.db.DatabaseInitializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Runs the application with {@code -Dspring.aot.enabled=true}, from the code that
 * {@code process-aot} generated in this build.
 */
class AotApplicationIT {

	@TempDir
	Path dir;

	@AfterEach
	void aotOff() {
		System.clearProperty(AotDetector.AOT_ENABLED);
	}

	@Test
	void nativeImageMetadataHoldsPmDbsHints() throws Exception {
		String metadata = new ClassPathResource(
				"META-INF/native-image/dev.pm/pm-db-aot-tests/reachability-metadata.json")
			.getContentAsString(StandardCharsets.UTF_8);
		List<String> resources = JsonPath.read(metadata, "$.resources[*].glob");
		assertThat(resources).contains("db/migration/*");
		List<List<String>> proxies = JsonPath.read(metadata, "$.reflection[*].type.proxy");
		assertThat(proxies).contains(List.of("org.springframework.jdbc.datasource.ConnectionProxy"));
	}

	@Test
	void startsFromTheGeneratedContextAndRunsTransactions() {
		System.setProperty(AotDetector.AOT_ENABLED, "true");
		assertThat(ClassUtils.isPresent(AotApplication.class.getName() + "__ApplicationContextInitializer", null))
			.isTrue();
		SpringApplication application = new SpringApplication(AotApplication.class);
		// As when started by its main method: the generated initializer is looked up by
		// this class.
		application.setMainApplicationClass(AotApplication.class);
		try (ConfigurableApplicationContext context = application.run("--pm.db.path=" + this.dir.resolve("aot.db"),
				"--spring.main.banner-mode=off")) {
			assertThat(AotDetector.useGeneratedArtifacts()).isTrue();
			assertThat(context.getBean(DatabaseInitializer.class).getSchemaVersion()).hasValue("1");
			// The generated context keeps the Flyway bean lazy: the start-up migrated
			// from its configuration and made none.
			assertThat(context.getBeanFactory().containsSingleton("flyway")).isFalse();
			assertThat(context.getBean(Flyway.class).info().current().getVersion().getVersion()).isEqualTo("1");
			NoteService notes = context.getBean(NoteService.class);
			notes.add("kept");
			assertThatIllegalStateException().isThrownBy(() -> notes.addThenFail("rolled back"));
			assertThat(notes.count()).isOne();
		}
	}

}
