package dev.pm.db.aot;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Writes through pm-db inside {@code @Transactional} methods. */
@Service
public class NoteService {

	private final JdbcClient jdbc;

	NoteService(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional
	public void addThenFail(String text) {
		add(text);
		throw new IllegalStateException("rolled back");
	}

	@Transactional
	public void add(String text) {
		this.jdbc.sql("INSERT INTO note (text) VALUES (?)").param(text).update();
	}

	public int count() {
		return this.jdbc.sql("SELECT count(*) FROM note").query(Integer.class).single();
	}

}
