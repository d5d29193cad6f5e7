/**
 * The state of the database file, for {@code pm db status}.
 */
package dev.pm.cli.status;
