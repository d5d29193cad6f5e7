package dev.pm.cli.plan;

import java.time.LocalDate;
import java.util.List;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds, lists, shows, updates and deletes features; each change writes a history row that
 * says what changed.
 */
@Service
public class FeatureService {

	private final FeatureRepository features;

	private final TaskRepository tasks;

	private final KnownFilters filters;

	private final HeadingHistory history;

	FeatureService(FeatureRepository features, TaskRepository tasks, KnownFilters filters, HeadingHistory history) {
		this.features = features;
		this.tasks = tasks;
		this.filters = filters;
		this.history = history;
	}

	/**
	 * Adds a feature to an epic.
	 * @param key its key, such as {@code E04-F01}, which names its epic
	 * @param title its title
	 * @param epic its epic's key
	 * @param actor who adds it, for the history
	 * @throws PlanException if a key is malformed, the key is taken, the epic does not
	 * exist or is not the one the key names, or the title is blank
	 */
	@Transactional
	public void add(String key, String title, String epic, String actor) {
		KeyFormat.EPIC.require(epic);
		if (!KeyFormat.FEATURE.parentOf(key).equals(epic)) {
			throw new PlanException(
					"feature " + key + " belongs to epic " + KeyFormat.FEATURE.parentOf(key) + ", not " + epic);
		}
		try {
			this.features.insert(key, Titles.require(title, "feature " + key), epic, LocalDate.now().toString());
		}
		catch (DuplicateKeyException ex) {
			throw new PlanException("feature " + key + " already exists");
		}
		catch (DataIntegrityViolationException ex) {
			throw new PlanException("epic " + epic + " does not exist; add it first with 'pm epic add'");
		}
		this.history.append(key, "created", actor, null);
	}

	/**
	 * Returns the features of one epic, or all.
	 * @param epic an epic's key, or {@code null} for all
	 * @return the features, ordered by key
	 * @throws PlanException if the epic does not exist
	 */
	@Transactional(readOnly = true)
	public List<Feature> list(String epic) {
		this.filters.require(new WorkFilter(null, epic, null));
		return this.features.findAll(epic);
	}

	/**
	 * Returns a feature with its tasks, archived ones included.
	 * @param key its key
	 * @return the feature
	 * @throws PlanException if it does not exist
	 */
	@Transactional(readOnly = true)
	public FeatureDetails show(String key) {
		Feature feature = this.features.find(key)
			.orElseThrow(() -> new PlanException("feature " + key + " does not exist"));
		return new FeatureDetails(feature, this.tasks.findAll(TaskFilter.ofFeature(key)));
	}

	/**
	 * Changes the title or the description of feature, or both.
	 * @param key its key
	 * @param title its new title, or {@code null} to keep it
	 * @param description its new description, or {@code null} to keep it; blank removes
	 * it
	 * @param actor who changes it, for the history
	 * @return the feature as it is now
	 * @throws PlanException if it does not exist, the title is blank or nothing would
	 * change
	 */
	@Transactional
	public Feature update(String key, String title, String description, String actor) {
		Feature current = this.features.find(key)
			.orElseThrow(() -> new PlanException("feature " + key + " does not exist"));
		HeadingUpdate heading = HeadingUpdate.of("feature " + key, key, current.title(), current.description(), title,
				description);
		this.features.update(key, heading.title(), heading.description());
		this.history.append(key, "updated", actor, heading.notes());
		return this.features.find(key).orElseThrow();
	}

	/**
	 * Deletes a feature that has no tasks.
	 * @param key its key
	 * @param actor who deletes it, for the history
	 * @throws PlanException if it does not exist or still has tasks
	 */
	@Transactional
	public void delete(String key, String actor) {
		KeyFormat.FEATURE.require(key);
		Deletion.deleteOrExplain("feature " + key, () -> this.features.delete(key), () -> this.features.countTasks(key),
				(tasks) -> tasks + ((tasks == 1) ? " task" : " tasks")
						+ "; delete them ('pm task delete') or move them to another feature ('pm task move') first");
		this.history.append(key, "deleted", actor, null);
	}

}
