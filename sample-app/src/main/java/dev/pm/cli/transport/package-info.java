/**
 * What the {@code pm} client and server share: the wire protocol (a {@link Request}, then
 * frames until the exit code), what a command line tells before pm parses it
 * ({@link Invocation}), and where a database's server keeps its socket, lock and log
 * ({@link ServerFiles}). Needs nothing but the JDK, as the client does.
 */
package dev.pm.cli.transport;
