/**
 * JPA runtime of pm-db: a JPA transaction manager that keeps pm-db's rules for the one
 * shared SQLite connection.
 */
@NullMarked
package dev.pm.db.jpa;

import org.jspecify.annotations.NullMarked;
