package dev.pm.cli.command;

import java.io.PrintWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Where a command prints: the command line's writer, which tests and {@code pm demo} redirect.
 * ({@code @Command} only makes this a valid picocli mixin; it adds nothing to the usage help.)
 */
@Command
final class Output {

	@Spec(Spec.Target.MIXEE)
	private CommandSpec spec;

	PrintWriter out() {
		return this.spec.commandLine().getOut();
	}

}
