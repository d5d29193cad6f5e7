/**
 * The {@code pm} server: one resident process per database that owns its one connection
 * and runs the commands of {@code pm} clients, each with the client's output, working
 * directory and environment.
 */
package dev.pm.cli.server;
