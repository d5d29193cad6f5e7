package dev.pm.cli.command;

import java.io.PrintWriter;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Where a command prints: the command line's writer, which tests and {@code pm demo} redirect.
 */
final class Output {

	@Spec(Spec.Target.MIXEE)
	private CommandSpec spec;

	PrintWriter out() {
		return this.spec.commandLine().getOut();
	}

}
