package dev.pm.cli.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.pm.cli.plan.KeyFormat;

/**
 * The task documents of one import, read from the files and directories given: a
 * directory stands for its Markdown files (sub-directories included), a file that is no
 * task document is skipped, and every malformed document is a problem of its own.
 */
final class DocumentSet {

	private final Map<String, TaskDocument> documents = new LinkedHashMap<>();

	private final List<String> skipped = new ArrayList<>();

	private final List<String> problems = new ArrayList<>();

	private final Set<String> malformedKeys = new HashSet<>();

	private DocumentSet() {
	}

	static DocumentSet read(List<Path> paths, TaskDocumentParser parser) {
		DocumentSet set = new DocumentSet();
		for (Path path : paths) {
			for (Path file : set.files(path)) {
				set.add(file, parser);
			}
		}
		return set;
	}

	/** The documents by task key, in the order of the files. */
	Map<String, TaskDocument> documents() {
		return this.documents;
	}

	/** The files skipped as no task documents, each with why. */
	List<String> skipped() {
		return this.skipped;
	}

	/** Every problem found, one line each. */
	List<String> problems() {
		return this.problems;
	}

	/**
	 * The task keys that the names of malformed documents give ({@code T-….md}): a
	 * dependency on one of them is not missing, its document is the problem.
	 */
	Set<String> malformedKeys() {
		return this.malformedKeys;
	}

	private List<Path> files(Path path) {
		if (!Files.isDirectory(path)) {
			return List.of(path);
		}
		try (Stream<Path> walk = Files.walk(path)) {
			return walk.filter(Files::isRegularFile)
				.filter((file) -> file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md"))
				.sorted()
				.toList();
		}
		catch (IOException | UncheckedIOException ex) {
			this.problems.add(path + ": cannot read the directory (" + ex.getMessage() + ")");
			return List.of();
		}
	}

	private void add(Path file, TaskDocumentParser parser) {
		TaskDocument document;
		try {
			document = parser.parse(file);
		}
		catch (NotATaskDocumentException ex) {
			this.skipped.add(file.toString());
			return;
		}
		catch (TaskDocumentException ex) {
			this.problems.add(ex.getMessage());
			String name = file.getFileName().toString();
			String key = name.substring(0, name.length() - ((name.length() > 3) ? 3 : 0)).toUpperCase(Locale.ROOT);
			if (name.toLowerCase(Locale.ROOT).endsWith(".md") && KeyFormat.TASK.matches(key)) {
				this.malformedKeys.add(key);
			}
			return;
		}
		TaskDocument other = this.documents.putIfAbsent(document.key(), document);
		if (other != null) {
			this.problems.add(document.file() + ": task " + document.key() + " is in two documents: " + other.file()
					+ " and " + file);
		}
	}

}
