/**
 * The commands of {@code pm} (picocli), their output as tables or JSON, and the one-line
 * error reporting.
 */
package dev.pm.cli.command;
