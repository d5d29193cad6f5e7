/**
 * Auto-configuration of JPA on pm-db's database.
 */
@NullMarked
package dev.pm.db.autoconfigure.jpa;

import org.jspecify.annotations.NullMarked;
