/**
 * {@code pm}, a task-management CLI built on the pm-db starter: the application and its
 * entry point.
 */
package dev.pm.cli;
