/**
 * Online backup of the database: {@link dev.pm.db.DatabaseBackup} with SQLite's backup
 * API.
 */
@NullMarked
package dev.pm.db.backup;

import org.jspecify.annotations.NullMarked;
