/**
 * pm-db: a production-grade embedded SQLite database for Spring Boot. The public types
 * every other package builds on live here: the {@link dev.pm.db.DatabaseInitializer}, the
 * {@link dev.pm.db.SqliteDatabase} and {@link dev.pm.db.DatabaseBackup} beans, the
 * database path and the exception family. This package depends on none of pm-db's others.
 */
@NullMarked
package dev.pm.db;

import org.jspecify.annotations.NullMarked;
