/**
 * Logging as a command-line tool needs it: warnings on stderr, one line each, configured
 * in code, the same before Spring starts and after.
 */
package dev.pm.cli.logging;
