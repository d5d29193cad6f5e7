package dev.pm.cli.command;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.pm.cli.launch.LazyApplicationContext;
import dev.pm.cli.plan.HistoryEntry;
import dev.pm.cli.plan.HistoryFilter;
import dev.pm.cli.plan.ProjectHistoryService;
import dev.pm.cli.plan.Task;
import dev.pm.cli.plan.TaskFilter;
import dev.pm.cli.plan.TaskService;
import dev.pm.cli.plan.TaskSort;
import dev.pm.cli.plan.TaskStatus;
import dev.pm.cli.plan.TaskUpdate;
import dev.pm.cli.plan.TaskUpdateService;
import dev.pm.cli.plan.Transition;
import dev.pm.cli.plan.WorkFilter;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;

/**
 * The tools of {@code pm mcp}: what an agent does with {@code pm task next},
 * {@code claim}, {@code show}, {@code list}, {@code complete}, {@code block},
 * {@code update} and {@code pm history}, through the same services and with the same JSON
 * as their {@code --json}. A refusal is a tool error (the command's one line), never a
 * protocol error: the agent reads why, as it would on stderr.
 */
final class McpTools {

	private final LazyApplicationContext context;

	McpTools(LazyApplicationContext context) {
		this.context = context;
	}

	List<SyncToolSpecification> specifications() {
		return List.of(next(), claim(), show(), list(), complete(), block(), update(), history());
	}

	private SyncToolSpecification next() {
		Map<String, Object> properties = workFilter();
		properties.put("agent",
				string("For whom: the task its claim would take; default PM_AGENT of pm mcp, else USER."));
		return tool("next",
				"The task to work on next, without taking it (as 'pm task next --json'): "
						+ "{\"result\": task or null, \"reason\": why none}.",
				properties, List.of(),
				(args) -> bean(TaskService.class).next(workFilter(args), actor(args.line("agent"))));
	}

	private SyncToolSpecification claim() {
		Map<String, Object> properties = workFilter();
		properties.put("agent", string("Who claims it; default PM_AGENT of pm mcp, else USER."));
		properties.put("lease", string("How long the claim lasts without renewal (30m, 2h; none: no expiry); "
				+ "default PM_CLAIM_LEASE, else none."));
		return tool("claim",
				"Take the next available task and start it, in one transaction (as 'pm task claim "
						+ "--json'): agents claiming at once never get the same task.",
				properties, List.of(), (args) -> {
					WorkFilter filter = workFilter(args);
					String agent = actor(args.line("agent"));
					return bean(TaskService.class).claim(filter, agent,
							LeaseDuration.resolve(args.lease("lease"), this.context.environment()));
				});
	}

	private SyncToolSpecification show() {
		return tool("show",
				"A task with its dependencies (and their status), description and last "
						+ TaskShowCommand.HISTORY_ENTRIES + " history entries (as 'pm task show KEY --json').",
				Map.of("key", string("The task's key, such as T-E01-F01-001.")), List.of("key"),
				(args) -> bean(TaskService.class).details(args.taskKey("key"), TaskShowCommand.HISTORY_ENTRIES));
	}

	private SyncToolSpecification list() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("status", Map.of("type", "array", "items", Map.of("type", "string"), "description",
				"Only these statuses: todo, in_progress, blocked, ready_for_review, completed, archived."));
		properties.put("epic", string("Only the tasks of this epic (E01)."));
		properties.put("feature", string("Only the tasks of this feature (E01-F01)."));
		properties.put("agent", string("Only the tasks assigned to this agent."));
		properties.put("agentType", string("Only the tasks for this agent type."));
		properties.put("blocked", bool("Only tasks that cannot go ahead: blocked, or waiting on a dependency."));
		properties.put("all", bool("Archived tasks too."));
		return tool("list", "Tasks by key (as 'pm task list --json'): {\"results\": [...], \"count\": N}.", properties,
				List.of(), (args) -> {
					List<TaskStatus> statuses = args.statuses("status");
					TaskFilter filter = new TaskFilter(statuses.isEmpty() ? Set.of() : EnumSet.copyOf(statuses),
							args.epicKey("epic"), args.featureKey("feature"), args.line("agent"),
							args.line("agentType"), null, args.flag("blocked"), args.flag("all"), TaskSort.KEY);
					return results(bean(TaskService.class).list(filter));
				});
	}

	private SyncToolSpecification complete() {
		return tool("complete", "Hand in an in_progress task for review: ready_for_review (as 'pm task complete').",
				Map.of("key", string("The task's key."), "notes", string("What was done, for the reviewer.")),
				List.of("key"), (args) -> transition(Transition.COMPLETE, args.taskKey("key"), args.line("notes")));
	}

	private SyncToolSpecification block() {
		return tool("block", "Block a todo or in_progress task, saying why (as 'pm task block').",
				Map.of("key", string("The task's key."), "reason", string("What it waits for.")),
				List.of("key", "reason"),
				(args) -> transition(Transition.BLOCK, args.taskKey("key"), args.requiredLine("reason")));
	}

	private SyncToolSpecification update() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("key", string("The task's key."));
		properties.put("title", string("What is to be done, on one line."));
		properties.put("priority", Map.of("type", "integer", "description", "1 (highest) to 10."));
		properties.put("agentType", string("The kind of agent it is for; empty removes it."));
		properties.put("agent", string("Who the task is assigned to; empty removes it."));
		properties.put("estimate", string("Estimated time, such as '6 hours'; empty removes it."));
		properties.put("description", string("Markdown description; empty removes it."));
		properties.put("addDependencies", keys("Tasks that must be completed first."));
		properties.put("removeDependencies", keys("Tasks it no longer depends on."));
		return tool("update", "Change a task (as 'pm task update'); the history says what changed, and a change by "
				+ "the agent holding the claim renews its lease.", properties, List.of("key"), (args) -> {
					String key = args.taskKey("key");
					TaskUpdate update = new TaskUpdate(args.line("title"), args.integer("priority"),
							args.line("agentType"), args.line("agent"), args.line("estimate"), args.text("description"),
							args.taskKeys("addDependencies"), args.taskKeys("removeDependencies"));
					return bean(TaskUpdateService.class).update(key, update, actor(null));
				});
	}

	private SyncToolSpecification history() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("key", string("Only this task, its whole history (as 'pm task history KEY')."));
		properties.put("since", string("Only from this time: a UTC instant, a date, or a time ago (30m, 2h, 1d)."));
		properties.put("agent", string("Only what this agent did."));
		properties.put("epic", string("Only tasks of this epic."));
		properties.put("limit",
				Map.of("type", "integer", "description", "At most this many rows, the latest; " + "default 100."));
		return tool("history",
				"What happened, newest last (as 'pm history --json'): {\"results\": [...], \"count\": N}.", properties,
				List.of(), (args) -> {
					String key = args.line("key");
					if (key != null) {
						return results(bean(TaskService.class).history(args.taskKey("key"), Integer.MAX_VALUE));
					}
					Integer limit = args.integer("limit");
					HistoryFilter filter = new HistoryFilter(args.since("since"), args.line("agent"),
							args.epicKey("epic"), Math.max((limit != null) ? limit : 100, 0));
					List<HistoryEntry> entries = bean(ProjectHistoryService.class).entries(filter);
					return results(entries);
				});
	}

	private Task transition(Transition transition, String key, String notes) {
		return bean(TaskService.class).change(transition, key, actor(null), notes);
	}

	private static WorkFilter workFilter(ToolArguments args) {
		return new WorkFilter(args.line("agentType"), args.epicKey("epic"), args.featureKey("feature"));
	}

	private static Map<String, Object> workFilter() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("agentType", string("Only tasks for this agent type."));
		properties.put("epic", string("Only tasks of this epic (E01)."));
		properties.put("feature", string("Only tasks of this feature (E01-F01)."));
		return properties;
	}

	private static <T> Session.Results<T> results(List<T> results) {
		return new Session.Results<>(results, results.size());
	}

	private String actor(String agent) {
		return AgentName.resolve(agent, this.context.environment());
	}

	private <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	private static SyncToolSpecification tool(String name, String description, Map<String, Object> properties,
			List<String> required, Function<ToolArguments, Object> call) {
		Map<String, Object> schema = new LinkedHashMap<>();
		schema.put("type", "object");
		schema.put("properties", properties);
		schema.put("required", required);
		schema.put("additionalProperties", false);
		Tool tool = Tool.builder().name(name).description(description).inputSchema(schema).build();
		return new SyncToolSpecification(tool, (exchange, request) -> {
			try {
				Object result = call.apply(new ToolArguments(request.arguments()));
				return CallToolResult.builder().addTextContent(JsonOutput.write(result)).isError(false).build();
			}
			catch (RuntimeException ex) {
				return CallToolResult.builder()
					.addTextContent("pm: " + ErrorReporter.describe(ex))
					.isError(true)
					.build();
			}
		});
	}

	private static Map<String, Object> string(String description) {
		return Map.of("type", "string", "description", description);
	}

	private static Map<String, Object> bool(String description) {
		return Map.of("type", "boolean", "description", description);
	}

	private static Map<String, Object> keys(String description) {
		return Map.of("type", "array", "items", Map.of("type", "string"), "description", description);
	}

}
