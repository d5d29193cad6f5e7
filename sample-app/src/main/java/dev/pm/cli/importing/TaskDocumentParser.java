package dev.pm.cli.importing;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.pm.cli.plan.KeyFormat;
import dev.pm.cli.plan.Priorities;
import dev.pm.cli.plan.SingleLine;
import dev.pm.cli.plan.Task;
import dev.pm.cli.plan.TaskStatus;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a task document: Markdown with YAML front matter between {@code ---} lines.
 * <p>
 * The front matter is composed into YAML nodes rather than loaded into Java objects:
 * nodes keep their line numbers for error messages, and values stay the text the author
 * wrote (YAML would otherwise turn {@code created: 2025-01-15} into a
 * {@code java.util.Date}).
 */
public class TaskDocumentParser {

	private static final String FENCE = "---";

	private static final String TITLE_PREFIX = "# ";

	private static final String PRP_PREFIX = "PRP: ";

	private static final String CREATED = "created";

	/**
	 * Documents larger than this are refused before they are read: a task document is a
	 * page of Markdown, and reading {@code /dev/zero} or a log file by mistake must not
	 * exhaust the memory.
	 */
	static final long MAX_SIZE = 1024 * 1024;

	/**
	 * Reads one document.
	 * @param file the document
	 * @return the task it describes
	 * @throws TaskDocumentException naming the file and line of the first problem
	 */
	public TaskDocument parse(Path file) {
		List<String> lines = readLines(file);
		// Some editors start UTF-8 files with a byte-order mark.
		if (lines.isEmpty() || !lines.get(0).replace("\uFEFF", "").strip().equals(FENCE)) {
			throw notATask(file, 1, "expected YAML front matter starting with '---'");
		}
		int end = closingFence(lines);
		if (end < 0) {
			throw new TaskDocumentException(file, 1, "front matter is not closed by a '---' line");
		}
		Fields fields = new Fields(file, compose(file, String.join("\n", lines.subList(1, end))));
		if (!fields.has("task_key")) {
			throw notATask(file, fields.line, "missing required field 'task_key'");
		}
		List<String> body = lines.subList(end + 1, lines.size());
		String key = fields.taskKey("task_key");
		FeaturePath feature = feature(fields);
		Dependencies dependencies = fields.dependencies("dependencies");
		if (!KeyFormat.TASK.parentOf(key).equals(feature.featureKey())) {
			throw fields.error("task_key", "task " + key + " does not belong to feature " + feature.featureKey());
		}
		return new TaskDocument(file, key, title(file, body, end + 2), status(fields), feature, created(fields),
				fields.text("assigned_agent", false), dependencies.tasks(), fields.text("estimated_time", false),
				fields.text("file_path", false), priority(fields), fields.text("agent_type", false),
				fields.text("blocked_reason", false), description(body), dependencies.features());
	}

	/**
	 * A file that is no task document, which the import skips: one without front matter
	 * or without {@code task_key}, unless it is named after a task
	 * ({@code T-E01-F01-001.md}), which is then a task document with a mistake.
	 */
	private static TaskDocumentException notATask(Path file, int line, String problem) {
		if (WrittenKeys.taskOfFile(file.getFileName().toString()) != null) {
			return new TaskDocumentException(file, line, problem);
		}
		return new NotATaskDocumentException(file, problem);
	}

	private static String description(List<String> body) {
		String text = String.join("\n", body).strip();
		return text.isEmpty() ? null : text;
	}

	private static List<String> readLines(Path file) {
		try {
			// Attributes only, before opening: a FIFO would block the read forever, a
			// device never end.
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
			if (!attributes.isRegularFile()) {
				throw new TaskDocumentException(file, 1, "not a regular file");
			}
			if (attributes.size() > MAX_SIZE) {
				throw new TaskDocumentException(file, 1,
						"too large for a task document (" + attributes.size() + " bytes, at most " + MAX_SIZE + ")");
			}
			return Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			throw new TaskDocumentException(file, 1, "no such file");
		}
		catch (MalformedInputException ex) {
			throw new TaskDocumentException(file, 1, "not UTF-8 text");
		}
		catch (IOException ex) {
			throw new TaskDocumentException(file, 1, "cannot read the file (" + ex + ")");
		}
	}

	private static int closingFence(List<String> lines) {
		for (int i = 1; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.equals(FENCE) || line.equals("...")) {
				return i;
			}
		}
		return -1;
	}

	private static MappingNode compose(Path file, String frontMatter) {
		Node root;
		try {
			root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(frontMatter));
		}
		catch (MarkedYAMLException ex) {
			throw new TaskDocumentException(file, lineOf(ex.getProblemMark().getLine()), ex.getProblem());
		}
		catch (YAMLException ex) {
			throw new TaskDocumentException(file, 1, ex.getMessage());
		}
		if (!(root instanceof MappingNode mapping)) {
			throw new TaskDocumentException(file, 2, "front matter must be fields such as 'task_key: T-E04-F01-001'");
		}
		return mapping;
	}

	private static FeaturePath feature(Fields fields) {
		try {
			return FeaturePath.parse(fields.text("feature", true));
		}
		catch (IllegalArgumentException ex) {
			throw fields.error("feature", ex.getMessage());
		}
	}

	private static TaskStatus status(Fields fields) {
		if (!fields.has("status")) {
			return TaskStatus.TODO;
		}
		// Present but empty is a mistake, not "todo": the author meant to write
		// something.
		String status = fields.text("status", true);
		if (status.equalsIgnoreCase(CREATED)) {
			// What other planning tools write for a task nobody has started.
			return TaskStatus.TODO;
		}
		try {
			return TaskStatus.of(status);
		}
		catch (IllegalArgumentException ex) {
			throw fields.error("status", ex.getMessage());
		}
	}

	/**
	 * {@code created}: a date ({@code 2025-01-15}) as written, or an ISO-8601 date-time
	 * with an offset, in UTC.
	 */
	private static String created(Fields fields) {
		String created = fields.text("created", false);
		if (created == null) {
			return null;
		}
		try {
			LocalDate.parse(created);
			return created;
		}
		catch (DateTimeParseException notADate) {
			try {
				return OffsetDateTime.parse(created).toInstant().toString();
			}
			catch (DateTimeParseException ex) {
				throw fields.error("created", "'" + created
						+ "' is not a date (like 2025-01-15) or a date-time with an offset (like 2025-01-15T09:30:00Z)");
			}
		}
	}

	private static int priority(Fields fields) {
		String priority = fields.text("priority", false);
		if (priority == null) {
			return Task.DEFAULT_PRIORITY;
		}
		Integer value = Priorities.parse(priority);
		if (value == null) {
			throw fields.error("priority",
					"'priority' must be a whole number from " + Priorities.RANGE + ", not '" + priority + "'");
		}
		return value;
	}

	private static String title(Path file, List<String> body, int firstLine) {
		for (int i = 0; i < body.size(); i++) {
			String line = body.get(i);
			if (line.startsWith(TITLE_PREFIX) && !line.substring(TITLE_PREFIX.length()).isBlank()) {
				String title = line.substring(TITLE_PREFIX.length()).strip();
				if (!SingleLine.isValid(title)) {
					throw new TaskDocumentException(file, firstLine + i, SingleLine.rule("the title"));
				}
				return title.startsWith(PRP_PREFIX) ? title.substring(PRP_PREFIX.length()).strip() : title;
			}
		}
		throw new TaskDocumentException(file, firstLine, "no title: expected a '# ' heading after the front matter");
	}

	/** A YAML mark's 0-based line within the front matter, as a line of the file. */
	private static int lineOf(int markLine) {
		return markLine + 2;
	}

	/**
	 * The fields of the front matter by name, with the line each value is on.
	 */
	private static final class Fields {

		private final Path file;

		private final int line;

		private final Map<String, Node> values = new HashMap<>();

		Fields(Path file, MappingNode mapping) {
			this.file = file;
			this.line = lineOf(mapping.getStartMark().getLine());
			for (NodeTuple tuple : mapping.getValue()) {
				if (tuple.getKeyNode() instanceof ScalarNode key
						&& this.values.putIfAbsent(key.getValue(), tuple.getValueNode()) != null) {
					// YAML forbids it, SnakeYAML would keep the last one: which did the
					// author mean?
					throw new TaskDocumentException(file, lineOf(key.getStartMark().getLine()),
							"'" + key.getValue() + "' is given twice");
				}
			}
		}

		boolean has(String name) {
			return this.values.containsKey(name);
		}

		String text(String name, boolean required) {
			Node node = this.values.get(name);
			if (node == null || Tag.NULL.equals(node.getTag())) {
				if (required && node == null) {
					throw new TaskDocumentException(this.file, this.line, "missing required field '" + name + "'");
				}
				if (required) {
					throw error(name, "'" + name + "' must not be empty");
				}
				return null;
			}
			if (!(node instanceof ScalarNode scalar)) {
				throw error(name, "'" + name + "' must be a single value");
			}
			String value = scalar.getValue().strip();
			if (required && value.isEmpty()) {
				throw error(name, "'" + name + "' must not be empty");
			}
			if (!SingleLine.isValid(value)) {
				throw error(name, SingleLine.rule("'" + name + "'"));
			}
			return value.isEmpty() ? null : value;
		}

		String taskKey(String name) {
			String written = text(name, true);
			String key = WrittenKeys.task(written);
			if (key == null) {
				throw error(name, "'" + written + "' is not " + KeyFormat.TASK.describe());
			}
			return key;
		}

		/**
		 * Dependencies as real documents write them: task keys in any case, the files of
		 * tasks, feature keys; a single one without list syntax too.
		 */
		Dependencies dependencies(String name) {
			Node node = this.values.get(name);
			if (node == null || Tag.NULL.equals(node.getTag())) {
				return new Dependencies(List.of(), List.of());
			}
			List<Node> items = (node instanceof SequenceNode sequence) ? sequence.getValue() : List.of(node);
			if (!(node instanceof ScalarNode) && !(node instanceof SequenceNode)) {
				throw error(name, "'" + name + "' must be a list of task keys");
			}
			List<String> tasks = new ArrayList<>();
			List<String> features = new ArrayList<>();
			for (Node item : items) {
				String written = (item instanceof ScalarNode scalar) ? scalar.getValue().strip() : "";
				String task = (WrittenKeys.task(written) != null) ? WrittenKeys.task(written)
						: WrittenKeys.taskOfFile(written);
				String feature = WrittenKeys.feature(written);
				if (task != null) {
					tasks.add(task);
				}
				else if (feature != null) {
					features.add(feature);
				}
				else {
					throw new TaskDocumentException(this.file, lineOf(item.getStartMark().getLine()),
							"'" + name + "' must be a list of task keys, each " + KeyFormat.TASK.describe()
									+ ", the file of a task (T-E04-F01-002.md) or " + KeyFormat.FEATURE.describe());
				}
			}
			return new Dependencies(List.copyOf(tasks), List.copyOf(features));
		}

		TaskDocumentException error(String name, String problem) {
			return new TaskDocumentException(this.file, lineOf(this.values.get(name).getStartMark().getLine()),
					problem);
		}

	}

	/**
	 * The dependencies of a document.
	 *
	 * @param tasks the tasks it names
	 * @param features the features it names, for every task of each
	 */
	private record Dependencies(List<String> tasks, List<String> features) {
	}

}
