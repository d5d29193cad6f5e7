package dev.pm.db.data.jdbc.app;

import org.springframework.data.repository.ListCrudRepository;

public interface MomentRepository extends ListCrudRepository<Moment, Long> {

}
