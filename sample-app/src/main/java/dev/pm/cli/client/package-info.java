/**
 * The thin client of {@code pm}: it needs nothing but the JDK, and sends each command to
 * the {@code pm} server of its database over a Unix domain socket, starting the server
 * when none runs.
 */
package dev.pm.cli.client;
