package dev.pm.db.data.jdbc;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.pm.db.data.jdbc.app.DataJdbcApplication;
import dev.pm.db.data.jdbc.app.Project;
import dev.pm.db.data.jdbc.app.Project.Owner;
import dev.pm.db.data.jdbc.app.Project.Task;
import dev.pm.db.data.jdbc.app.ProjectRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.pm.db.test.Databases.cause;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Spring Data JDBC repositories in an application with the starter and no dialect
 * configured, on a database file.
 */
@SpringBootTest(classes = DataJdbcApplication.class)
class DataJdbcRepositoriesTests {

	@TempDir
	static Path dir;

	@Autowired
	ProjectRepository projects;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("pm.db.path", () -> dir.resolve("data-jdbc.db").toString());
		registry.add("pm.db.migration.locations", () -> "classpath:db/datajdbc");
	}

	@BeforeEach
	void empty() {
		this.jdbc.sql("DELETE FROM task").update();
		this.jdbc.sql("DELETE FROM project").update();
	}

	@Test
	void springDataFindsPmDbsSqliteDialect(@Autowired JdbcDialect dialect) {
		assertThat(dialect).isSameAs(SqliteDialect.INSTANCE);
	}

	@Test
	void savesAnAggregateWithAGeneratedIdAndReadsItBack() {
		Project project = new Project("pm", true, new Owner("Ada", "ada@example.com"));
		project.getTasks().add(new Task("first"));
		project.getTasks().add(new Task("second"));
		Long id = this.projects.save(project).getId();
		assertThat(id).isNotNull();
		Project read = this.projects.findById(id).orElseThrow();
		assertThat(read.getName()).isEqualTo("pm");
		assertThat(read.isArchived()).isTrue();
		assertThat(read.getOwner()).isEqualTo(new Owner("Ada", "ada@example.com"));
		assertThat(read.getTasks()).containsExactly(new Task("first"), new Task("second"));
		assertThat(this.jdbc.sql("SELECT archived FROM project").query(Integer.class).single()).isOne();
	}

	@Test
	void readsAnAggregateWithoutEmbeddedValuesOrTasks() {
		Long id = this.projects.save(new Project("bare", false, null)).getId();
		Project read = this.projects.findById(id).orElseThrow();
		assertThat(read.isArchived()).isFalse();
		assertThat(read.getOwner()).isNull();
		assertThat(read.getTasks()).isEmpty();
	}

	@Test
	void saveAllGivesEachRowItsOwnId() {
		List<Project> saved = this.projects.saveAll(
				List.of(new Project("a", false, null), new Project("b", false, null), new Project("c", false, null)));
		assertThat(saved).extracting(Project::getId).doesNotContainNull().doesNotHaveDuplicates();
		assertThat(this.projects.findAllById(saved.stream().map(Project::getId).toList())).hasSize(3);
	}

	@Test
	void aStaleVersionFailsWithOptimisticLocking() {
		Project saved = this.projects.save(new Project("versioned", false, null));
		Long staleVersion = saved.getVersion();
		this.projects.save(saved);
		saved.setVersion(staleVersion);
		assertThatExceptionOfType(OptimisticLockingFailureException.class).isThrownBy(() -> this.projects.save(saved));
	}

	@Test
	void derivedQueryOnABoolean() {
		this.projects.saveAll(
				List.of(new Project("b", true, null), new Project("a", true, null), new Project("live", false, null)));
		assertThat(this.projects.findByArchivedOrderByName(true)).extracting(Project::getName)
			.containsExactly("a", "b");
	}

	@Test
	void pagesAndSorts() {
		for (String name : List.of("p5", "p3", "p1", "p4", "p2", "other")) {
			this.projects.save(new Project(name, false, null));
		}
		Page<Project> page = this.projects.findByNameStartingWith("p", PageRequest.of(1, 2, Sort.by("name")));
		assertThat(page.getContent()).extracting(Project::getName).containsExactly("p3", "p4");
		assertThat(page.getTotalElements()).isEqualTo(5);
		assertThat(this.projects.findAll(PageRequest.of(1, 2, Sort.by("name").descending())).getContent())
			.extracting(Project::getName)
			.containsExactly("p3", "p2");
		assertThat(this.projects.findAll(Sort.by("name"))).extracting(Project::getName).first().isEqualTo("other");
	}

	@Test
	void queryAnnotationRunsItsSql() {
		this.projects.saveAll(List.of(new Project("mine", false, new Owner("Ada", "ada@example.com")),
				new Project("theirs", false, new Owner("Bob", "bob@example.com"))));
		assertThat(this.projects.ownedBy("ada@example.com")).extracting(Project::getName).containsExactly("mine");
	}

	@Test
	void pessimisticLockQueryRunsInsideATransaction(@Autowired TransactionTemplate transactions) {
		this.projects.save(new Project("locked", false, null));
		Optional<Project> locked = transactions.execute((status) -> this.projects.findByName("locked"));
		assertThat(locked).isPresent();
	}

	@Test
	void duplicateKeyIsTranslatedByPmDb() {
		this.projects.save(new Project("twice", false, null));
		assertThatException().isThrownBy(() -> this.projects.save(new Project("twice", false, null)))
			.satisfies((failure) -> assertThat(cause(failure, DuplicateKeyException.class)).isNotNull());
	}

}
