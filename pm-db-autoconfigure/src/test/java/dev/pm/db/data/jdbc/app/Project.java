package dev.pm.db.data.jdbc.app;

import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Embedded;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An aggregate: a boolean, a version, an embedded owner and a list of tasks.
 * {@code @Table} tells Spring Data that it belongs to JDBC, not to JPA, which is on the
 * test classpath too.
 */
@Table("project")
public class Project {

	@Id
	private Long id;

	private String name;

	private boolean archived;

	@Version
	private Long version;

	@Embedded.Nullable(prefix = "owner_")
	private Owner owner;

	@MappedCollection(idColumn = "project", keyColumn = "project_key")
	private List<Task> tasks = new ArrayList<>();

	public Project(String name, boolean archived, Owner owner) {
		this.name = name;
		this.archived = archived;
		this.owner = owner;
	}

	public Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public boolean isArchived() {
		return this.archived;
	}

	public Long getVersion() {
		return this.version;
	}

	public void setVersion(Long version) {
		this.version = version;
	}

	public Owner getOwner() {
		return this.owner;
	}

	public List<Task> getTasks() {
		return this.tasks;
	}

	public record Owner(String name, String email) {
	}

	public record Task(String title) {
	}

}
