/**
 * Where {@code pm} starts: the Spring application started only when a command needs it
 * ({@link dev.pm.cli.launch.LazyApplicationContext}, with the database settings of
 * {@link dev.pm.cli.launch.DatabaseSettings}), picocli's model of only the commands a
 * command line reaches ({@link dev.pm.cli.launch.CommandTree}), sqlite-jdbc's native
 * library extracted once ({@link dev.pm.cli.launch.NativeLibrary}), a message source that
 * lists no locales ({@link dev.pm.cli.launch.DefaultMessages}), and logging as a
 * command-line tool needs it: warnings on stderr, one line each, configured in code, the
 * same before Spring starts and after ({@link dev.pm.cli.launch.StderrLogging},
 * {@link dev.pm.cli.launch.PmLoggingSystem}).
 * <p>
 * It knows no command: the commands, the server and {@code PmApplication} use it.
 */
package dev.pm.cli.launch;
