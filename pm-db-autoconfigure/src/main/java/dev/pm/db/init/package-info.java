/**
 * The pieces of pm-db's start-up sequence: files on disk, the integrity check and the
 * schema version policy.
 */
@NullMarked
package dev.pm.db.init;

import org.jspecify.annotations.NullMarked;
