package dev.pm.cli.plan;

import java.time.LocalDate;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds, lists, shows, updates and deletes epics; each change writes a history row that
 * says what changed.
 */
@Service
public class EpicService {

	private final EpicRepository epics;

	private final FeatureRepository features;

	private final TaskRepository tasks;

	private final HeadingHistory history;

	EpicService(EpicRepository epics, FeatureRepository features, TaskRepository tasks, HeadingHistory history) {
		this.epics = epics;
		this.features = features;
		this.tasks = tasks;
		this.history = history;
	}

	/**
	 * Adds an epic.
	 * @param key its key, such as {@code E04}
	 * @param title its title
	 * @param actor who adds it, for the history
	 * @throws PlanException if the key is malformed or taken, or the title is blank
	 */
	@Transactional
	public void add(String key, String title, String actor) {
		KeyFormat.EPIC.require(key);
		try {
			this.epics.insert(key, Titles.require(title, "epic " + key), LocalDate.now().toString());
		}
		catch (DuplicateKeyException ex) {
			throw new PlanException("epic " + key + " already exists");
		}
		this.history.append(key, "created", actor, null);
	}

	/**
	 * Returns every epic with its progress.
	 * @return the epics, ordered by key
	 */
	@Transactional(readOnly = true)
	public List<Epic> list() {
		return this.epics.findAll();
	}

	/**
	 * Returns an epic with its features and tasks, archived ones included.
	 * @param key its key
	 * @return the epic
	 * @throws PlanException if it does not exist
	 */
	@Transactional(readOnly = true)
	public EpicDetails show(String key) {
		Epic epic = this.epics.find(key).orElseThrow(() -> new PlanException("epic " + key + " does not exist"));
		return new EpicDetails(epic, this.features.findAll(key), this.tasks.findAll(TaskFilter.ofEpic(key)));
	}

	/**
	 * Changes the title or the description of epic, or both.
	 * @param key its key
	 * @param title its new title, or {@code null} to keep it
	 * @param description its new description, or {@code null} to keep it; blank removes
	 * it
	 * @param actor who changes it, for the history
	 * @return the epic as it is now
	 * @throws PlanException if it does not exist, the title is blank or nothing would
	 * change
	 */
	@Transactional
	public Epic update(String key, String title, String description, String actor) {
		Epic current = this.epics.find(key).orElseThrow(() -> new PlanException("epic " + key + " does not exist"));
		HeadingUpdate heading = HeadingUpdate.of("epic " + key, key, current.title(), current.description(), title,
				description);
		this.epics.update(key, heading.title(), heading.description());
		this.history.append(key, "updated", actor, heading.notes());
		return this.epics.find(key).orElseThrow();
	}

	/**
	 * Deletes an epic that has no features.
	 * @param key its key
	 * @param actor who deletes it, for the history
	 * @throws PlanException if it does not exist or still has features
	 */
	@Transactional
	public void delete(String key, String actor) {
		KeyFormat.EPIC.require(key);
		Deletion.deleteOrExplain("epic " + key, () -> this.epics.delete(key), () -> this.features.findAll(key).size(),
				(count) -> count + ((count == 1) ? " feature; delete it first" : " features; delete them first"));
		this.history.append(key, "deleted", actor, null);
	}

}
