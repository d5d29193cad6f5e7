/**
 * What the start-up checks, the backup and the restore share, below all three: a file
 * created private from its first byte, and SQLite's integrity check.
 */
@NullMarked
package dev.pm.db.support;

import org.jspecify.annotations.NullMarked;
