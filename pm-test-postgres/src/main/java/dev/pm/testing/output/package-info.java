/**
 * The output a test provokes on purpose, captured for it to assert on and kept off the
 * console.
 */
package dev.pm.testing.output;
