package dev.pm.db.data.jdbc.app;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

public interface ProjectRepository
		extends ListCrudRepository<Project, Long>, ListPagingAndSortingRepository<Project, Long> {

	List<Project> findByArchivedOrderByName(boolean archived);

	Page<Project> findByNameStartingWith(String prefix, Pageable pageable);

	@Query("SELECT * FROM project WHERE owner_email = :email")
	List<Project> ownedBy(String email);

	@Lock(LockMode.PESSIMISTIC_WRITE)
	Optional<Project> findByName(String name);

}
