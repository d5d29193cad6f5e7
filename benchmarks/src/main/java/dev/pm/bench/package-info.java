/**
 * Benchmarks of pm-db against raw sqlite-jdbc and a HikariCP pool: a small harness of
 * interleaved rounds, one class per scenario, and {@link dev.pm.bench.BenchmarkMain} that
 * runs them all and prints the table kept in {@code BENCHMARKS.md}.
 */
package dev.pm.bench;
