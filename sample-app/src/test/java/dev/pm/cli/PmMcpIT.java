package dev.pm.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pm mcp} as a coding agent's MCP client runs it: the launcher started as a
 * process by the SDK's own stdio client, its tools called one after another.
 */
class PmMcpIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path directory;

	private final Map<String, String> environment = new HashMap<>();

	@BeforeEach
	void agent() {
		this.environment.put("PM_AGENT", "mcp-agent");
		this.environment.put("PM_SERVER_DIR", this.directory.resolve("server").toString());
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void anAgentClaimsCompletesAndReadsTheHistoryThroughTheTools(TestDatabase database) throws Exception {
		plan(database);
		try (McpSyncClient client = client()) {
			assertThat(client.listTools().tools()).extracting(Tool::name)
				.containsExactlyInAnyOrder("next", "claim", "show", "list", "complete", "block", "update", "history");

			JsonNode next = call(client, "next", Map.of());
			JsonNode claimed = call(client, "claim", Map.of("lease", "30m"));
			JsonNode completed = call(client, "complete", Map.of("key", "T-E07-F02-001", "notes", "done"));
			JsonNode shown = call(client, "show", Map.of("key", "T-E07-F02-001"));
			JsonNode inReview = call(client, "list", Map.of("status", List.of("ready_for_review")));
			JsonNode history = call(client, "history", Map.of("agent", "mcp-agent"));

			assertThat(next.get("result").get("key").asString()).isEqualTo("T-E07-F02-001");
			assertThat(claimed.get("result").get("status").asString()).isEqualTo("in_progress");
			assertThat(claimed.get("result").get("agent").asString()).isEqualTo("mcp-agent");
			assertThat(claimed.get("result").get("leaseExpiresAt").isNull()).isFalse();
			assertThat(completed.get("status").asString()).isEqualTo("ready_for_review");
			assertThat(shown.get("history")).extracting((entry) -> entry.get("event").asString())
				.containsExactly("imported", "claimed", "completed");
			assertThat(inReview.get("count").asInt()).isEqualTo(1);
			assertThat(history.get("results")).extracting((entry) -> entry.get("event").asString())
				.containsExactly("imported", "imported", "claimed", "completed");
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aRefusalIsAToolErrorInTheCommandsWordsAndChangesNothing(TestDatabase database) throws Exception {
		plan(database);
		try (McpSyncClient client = client()) {
			CallToolResult refused = client
				.callTool(new CallToolRequest("complete", Map.of("key", "T-E07-F02-002", "notes", "too early")));
			CallToolResult malformed = client.callTool(new CallToolRequest("show", Map.of("key", "E07-F02-002")));
			CallToolResult unknown = client
				.callTool(new CallToolRequest("block", Map.of("key", "T-E07-F02-009", "reason", "waiting")));

			assertThat(refused.isError()).isTrue();
			assertThat(text(refused)).isEqualTo("pm: cannot complete T-E07-F02-002: it is todo");
			assertThat(malformed.isError()).isTrue();
			assertThat(text(malformed)).isEqualTo("pm: 'E07-F02-002' is not a task key (like T-E04-F01-002)");
			assertThat(unknown.isError()).isTrue();
			assertThat(text(unknown)).contains("T-E07-F02-009");
			JsonNode history = call(client, "history", Map.of("key", "T-E07-F02-002"));
			assertThat(history.get("count").asInt()).isEqualTo(1);
		}
	}

	@Test
	void standardOutputCarriesTheProtocolAloneAndEndOfInputEndsTheServer() throws Exception {
		plan(TestDatabase.SQLITE);
		ProcessBuilder builder = new ProcessBuilder(launcher("mcp"))
			.redirectError(this.directory.resolve("mcp.err").toFile());
		builder.environment().putAll(this.environment);
		Process process = builder.start();
		BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		List<String> lines = new ArrayList<>();
		try (OutputStream in = process.getOutputStream()) {
			in.write(("""
					{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
					"capabilities":{},"clientInfo":{"name":"test","version":"1"}}}
					{"jsonrpc":"2.0","method":"notifications/initialized"}
					{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"next","arguments":{}}}
					""").getBytes(StandardCharsets.UTF_8));
			in.flush();
			lines.add(out.readLine());
			lines.add(out.readLine());
		}
		String afterInputEnded = out.readLine();

		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("pm mcp exits when its input ends").isTrue();
		assertThat(process.exitValue()).isZero();
		assertThat(lines)
			.allSatisfy((line) -> assertThat(JSON.readTree(line).get("jsonrpc").asString()).isEqualTo("2.0"));
		assertThat(JSON.readTree(lines.get(1)).get("id").asInt()).isEqualTo(2);
		assertThat(afterInputEnded).isNull();
		assertThat(Files.readString(this.directory.resolve("mcp.err"))).isEmpty();
	}

	@Test
	void pmMcpAfterAnOptionRunsInItsOwnProcessBesideARunningServer() throws Exception {
		// The launcher sends pm mcp to its own process when it comes first, the client
		// when an option comes first: the server never serves it.
		Launcher pm = new Launcher(this.directory, true).with("PM_DB_PATH", this.directory.resolve("pm.db").toString())
			.input(new File("/dev/null"));
		assertThat(pm.pm("server", "start").exitCode()).isZero();
		try {
			Launcher.Run run = pm.pm("--db", this.directory.resolve("pm.db").toString(), "mcp");

			assertThat(run.exitCode()).as(run.err()).isZero();
			assertThat(run.out()).as("no input, so nothing to answer").isEmpty();
			assertThat(run.err()).doesNotContain("pm server");
		}
		finally {
			pm.pm("server", "stop");
		}
	}

	private void plan(TestDatabase database) throws Exception {
		if (database == TestDatabase.POSTGRESQL) {
			this.environment.putAll(database.environment(this.directory));
		}
		else {
			this.environment.put("PM_DB_PATH", this.directory.resolve("pm.db").toString());
		}
		Path first = document("T-E07-F02-001", "todo");
		Path second = document("T-E07-F02-002", "todo", "T-E07-F02-001");
		Launcher pm = new Launcher(this.directory, false);
		this.environment.forEach(pm::with);
		Launcher.Run imported = pm.pm("task", "import", first.toString(), second.toString());
		assertThat(imported.exitCode()).as(imported.err()).isZero();
	}

	private McpSyncClient client() {
		List<String> command = launcher("mcp");
		ServerParameters server = ServerParameters.builder(command.get(0))
			.args(command.subList(1, command.size()))
			.env(this.environment)
			.build();
		StdioClientTransport transport = new StdioClientTransport(server, McpJsonDefaults.getMapper());
		McpSyncClient client = McpClient.sync(transport)
			.requestTimeout(Duration.ofSeconds(120))
			.initializationTimeout(Duration.ofSeconds(120))
			.build();
		client.initialize();
		return client;
	}

	private static List<String> launcher(String... args) {
		List<String> command = new ArrayList<>(List.of("sh", Launcher.SCRIPT.toString()));
		command.addAll(List.of(args));
		return command;
	}

	private static JsonNode call(McpSyncClient client, String tool, Map<String, Object> arguments) {
		CallToolResult result = client.callTool(new CallToolRequest(tool, arguments));
		assertThat(result.isError()).as(tool + ": " + text(result)).isFalse();
		return JSON.readTree(text(result));
	}

	private static String text(CallToolResult result) {
		return ((TextContent) result.content().get(0)).text();
	}

	private Path document(String key, String status, String... dependsOn) throws IOException {
		return TaskDocuments.write(this.directory, key, status, dependsOn);
	}

}
