/**
 * The plan: epics, features and tasks, their tables, and the transactional services that
 * enforce its rules.
 */
package dev.pm.cli.plan;
