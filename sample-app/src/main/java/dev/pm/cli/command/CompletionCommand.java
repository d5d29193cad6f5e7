package dev.pm.cli.command;

import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pm completion bash|zsh}: the shell completion script picocli generates from the
 * commands themselves, so it never falls behind them.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
		description = { "Print a shell completion script for pm.",
				"bash: source <(pm completion bash)   zsh: source <(pm completion zsh)" })
final class CompletionCommand implements Callable<Integer> {

	/**
	 * The shells the script serves: picocli's script runs in zsh through bashcompinit.
	 */
	enum Shell {

		bash, zsh

	}

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", paramLabel = "SHELL", description = "${COMPLETION-CANDIDATES}.")
	private Shell shell;

	@Override
	public Integer call() {
		this.spec.commandLine().getOut().print(AutoComplete.bash("pm", this.spec.root().commandLine()));
		this.spec.commandLine().getOut().flush();
		return this.spec.commandLine().getOut().checkError() ? PmCommandLine.REFUSED : 0;
	}

}
