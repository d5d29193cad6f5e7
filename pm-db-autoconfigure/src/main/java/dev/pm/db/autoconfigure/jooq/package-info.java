/**
 * Auto-configuration of jOOQ on pm-db's database.
 */
@NullMarked
package dev.pm.db.autoconfigure.jooq;

import org.jspecify.annotations.NullMarked;
