/**
 * Auto-configuration of pm-db's meters.
 */
@NullMarked
package dev.pm.db.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
