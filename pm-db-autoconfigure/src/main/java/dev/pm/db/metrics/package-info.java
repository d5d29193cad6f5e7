/**
 * Micrometer meters of a pm-db database.
 */
@NullMarked
package dev.pm.db.metrics;

import org.jspecify.annotations.NullMarked;
