package dev.pm.cli.plan;

import java.time.LocalDate;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds and lists epics.
 */
@Service
public class EpicService {

	private final EpicRepository epics;

	EpicService(EpicRepository epics) {
		this.epics = epics;
	}

	/**
	 * Adds an epic.
	 * @param key its key, such as {@code E04}
	 * @param title its title
	 * @throws PlanException if the key is malformed or taken, or the title is blank
	 */
	@Transactional
	public void add(String key, String title) {
		KeyFormat.EPIC.require(key);
		try {
			this.epics.insert(key, Titles.require(title, "epic " + key), LocalDate.now().toString());
		}
		catch (DuplicateKeyException ex) {
			throw new PlanException("epic " + key + " already exists");
		}
	}

	/**
	 * Returns every epic.
	 * @return the epics, ordered by key
	 */
	@Transactional(readOnly = true)
	public List<Epic> list() {
		return this.epics.findAll();
	}

}
