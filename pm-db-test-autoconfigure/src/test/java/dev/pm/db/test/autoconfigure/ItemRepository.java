package dev.pm.db.test.autoconfigure;

import java.util.List;

import org.springframework.data.repository.ListCrudRepository;

public interface ItemRepository extends ListCrudRepository<Item, Long> {

	List<Item> findByDone(boolean done);

}
