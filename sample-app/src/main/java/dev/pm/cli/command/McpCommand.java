package dev.pm.cli.command;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;

import dev.pm.cli.launch.LazyApplicationContext;
import dev.pm.cli.plan.PlanException;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code pm mcp}: a Model Context Protocol server on standard input and output, for
 * coding agents that call tools ({@link McpTools}). It runs until its input ends, in a
 * process of its own: a pm server could not give it its client's input.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
		description = { "Serve the plan to a coding agent over the Model Context Protocol (stdio) until input ends.",
				"Tools: next, claim, show, list, complete, block, update, history. Runs in its own process." })
final class McpCommand implements Callable<Integer> {

	private final LazyApplicationContext context;

	@Spec
	private CommandSpec spec;

	McpCommand(LazyApplicationContext context) {
		this.context = context;
	}

	@Override
	public Integer call() throws InterruptedException {
		if (this.context.servesRequests()) {
			throw new PlanException("pm mcp serves its own standard input and output, which the pm server does not "
					+ "have: run it as 'pm mcp --no-server' (or with PM_SERVER=off)");
		}
		// A database that cannot be opened is one line now, not an error in every call.
		this.context.start();
		EndOfInput input = new EndOfInput(new FileInputStream(FileDescriptor.in));
		// Standard output carries the protocol and nothing else: whatever a library
		// prints on System.out goes to stderr instead.
		PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
		System.setOut(System.err);
		McpSyncServer server = McpServer
			.sync(new StdioServerTransportProvider(McpJsonDefaults.getMapper(), input, protocol))
			.serverInfo("pm", this.spec.root().version()[0].replaceFirst("^pm ", ""))
			.capabilities(ServerCapabilities.builder().tools(false).build())
			.tools(new McpTools(this.context).specifications())
			.build();
		try {
			input.await();
		}
		finally {
			server.closeGracefully();
		}
		return 0;
	}

}
