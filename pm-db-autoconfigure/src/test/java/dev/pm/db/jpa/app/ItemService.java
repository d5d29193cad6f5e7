package dev.pm.db.jpa.app;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Work that mixes a JPA repository and {@link JdbcClient} in one transaction.
 */
@Service
public class ItemService {

	private final ItemRepository repository;

	private final JdbcClient jdbc;

	private final Inner inner;

	ItemService(ItemRepository repository, JdbcClient jdbc, Inner inner) {
		this.repository = repository;
		this.jdbc = jdbc;
		this.inner = inner;
	}

	/** Save {@code name} with the repository and rename {@code renamed} with JDBC. */
	@Transactional
	public Item saveAndRename(String name, String renamed, String newName) {
		Item saved = this.repository.save(new Item(name));
		this.jdbc.sql("UPDATE item SET name = ? WHERE name = ?").params(newName, renamed).update();
		return saved;
	}

	@Transactional
	public void saveAndRenameThenFail(String name, String renamed, String newName) {
		saveAndRename(name, renamed, newName);
		throw new IllegalStateException("fail after both writes");
	}

	@Transactional
	public void saveThenRequiresNew(String name) {
		this.repository.save(new Item(name));
		this.inner.requiresNew(name + " inner");
	}

	@Transactional
	public void saveThenNotSupported(String name) {
		this.repository.save(new Item(name));
		this.inner.notSupported();
	}

	@Transactional
	public void saveThenNested(String name) {
		this.repository.save(new Item(name));
		this.inner.nested(name + " inner");
	}

	/** Save {@code name}, signal, and hold the transaction until released. */
	@Transactional
	public void saveAndHold(String name, CountDownLatch saved, CountDownLatch release) throws InterruptedException {
		this.repository.saveAndFlush(new Item(name));
		saved.countDown();
		release.await(10, TimeUnit.SECONDS);
	}

	/** Read, then run {@code whileReading} inside the read-only transaction. */
	@Transactional(readOnly = true)
	public List<Item> readWhile(Runnable whileReading) {
		List<Item> items = this.repository.findAll();
		whileReading.run();
		return items;
	}

	@Service
	public static class Inner {

		private final ItemRepository repository;

		Inner(ItemRepository repository) {
			this.repository = repository;
		}

		@Transactional(propagation = Propagation.REQUIRES_NEW)
		public void requiresNew(String name) {
			this.repository.save(new Item(name));
		}

		@Transactional(propagation = Propagation.NESTED)
		public void nested(String name) {
			this.repository.save(new Item(name));
		}

		@Transactional(propagation = Propagation.NOT_SUPPORTED)
		public long notSupported() {
			return this.repository.count();
		}

	}

}
