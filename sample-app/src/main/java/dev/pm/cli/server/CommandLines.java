package dev.pm.cli.server;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

import dev.pm.cli.command.PmCommandLine;
import dev.pm.cli.launch.LazyApplicationContext;
import picocli.CommandLine;

/**
 * pm's command lines, kept from one request to the next: picocli builds a command line's
 * model from the annotations of every command, which takes longer than most commands
 * (about 6 ms, warm). Each serves one request at a time, through a request view of the
 * application that takes that request's environment and working directory; picocli resets
 * every option and parameter to its initial value before it parses the next command line.
 */
final class CommandLines {

	private final LazyApplicationContext application;

	private final Deque<Pooled> idle = new ConcurrentLinkedDeque<>();

	CommandLines(LazyApplicationContext application) {
		this.application = application;
	}

	/**
	 * Runs one client's command.
	 * @param environment the client's environment variables
	 * @param workingDirectory the client's working directory
	 * @param out the client's standard output
	 * @param err the client's standard error
	 * @param args the command line
	 * @return the exit code
	 */
	int execute(Map<String, String> environment, Path workingDirectory, PrintWriter out, PrintWriter err,
			List<String> args) {
		Pooled pooled = this.idle.pollFirst();
		if (pooled == null) {
			LazyApplicationContext view = this.application.forRequests();
			pooled = new Pooled(view, PmCommandLine.create(view));
		}
		try {
			pooled.view().serve(environment, workingDirectory);
			return pooled.commandLine().setOut(out).setErr(err).execute(args.toArray(String[]::new));
		}
		finally {
			this.idle.addFirst(pooled);
		}
	}

	/** A command line and the request view its commands use. */
	private record Pooled(LazyApplicationContext view, CommandLine commandLine) {
	}

}
