/**
 * pm-db: a production-grade embedded SQLite database for Spring Boot. The start-up
 * {@link dev.pm.db.DatabaseInitializer} and the exception family live here.
 */
@NullMarked
package dev.pm.db;

import org.jspecify.annotations.NullMarked;
