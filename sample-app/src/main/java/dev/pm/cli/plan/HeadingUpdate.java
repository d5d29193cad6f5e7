package dev.pm.cli.plan;

/**
 * The title and description of an epic or feature after an update: the given ones where
 * given, the current ones otherwise; an update that would change neither is refused, as a
 * task update that changes nothing is.
 *
 * @param title the title to store
 * @param description the description to store, or {@code null} for none
 * @param notes what changed, for the history row
 */
record HeadingUpdate(String title, String description, String notes) {

	/**
	 * Returns the heading after an update.
	 * @param what what is updated, as errors name it ({@code epic E01})
	 * @param key its key
	 * @param currentTitle its title now
	 * @param currentDescription its description now, or {@code null}
	 * @param title the new title, or {@code null} to keep it
	 * @param description the new description, blank to remove it, or {@code null} to keep
	 * it
	 * @return the heading to store
	 * @throws PlanException if the title is blank or nothing would change
	 */
	static HeadingUpdate of(String what, String key, String currentTitle, String currentDescription, String title,
			String description) {
		String newTitle = (title != null) ? Titles.require(title, what) : currentTitle;
		String newDescription = OptionalText.updated(currentDescription, description);
		ChangeNotes changes = new ChangeNotes();
		changes.compare("title", currentTitle, newTitle);
		changes.compareDescription(currentDescription, newDescription);
		if (changes.isEmpty()) {
			throw new PlanException("nothing changed: " + key + " already is as given");
		}
		return new HeadingUpdate(newTitle, newDescription, changes.toString());
	}

}
