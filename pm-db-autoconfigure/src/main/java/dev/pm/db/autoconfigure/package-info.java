/**
 * Auto-configuration of pm-db: beans, properties, database initialization ordering and
 * failure analyzers.
 */
@NullMarked
package dev.pm.db.autoconfigure;

import org.jspecify.annotations.NullMarked;
