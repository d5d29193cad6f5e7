package dev.pm.db.data.jdbc.app;

import java.time.Instant;
import java.util.List;

import org.springframework.data.repository.ListCrudRepository;

public interface MomentRepository extends ListCrudRepository<Moment, Long> {

	List<Moment> findByAtBeforeOrderByAt(Instant before);

}
