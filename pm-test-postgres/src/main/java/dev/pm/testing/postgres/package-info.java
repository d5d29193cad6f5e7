/**
 * A real PostgreSQL server for tests and benchmarks, started from Maven artifacts.
 */
package dev.pm.testing.postgres;
