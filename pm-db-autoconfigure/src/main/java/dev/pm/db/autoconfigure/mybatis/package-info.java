/**
 * Auto-configuration of MyBatis on pm-db's database.
 */
@NullMarked
package dev.pm.db.autoconfigure.mybatis;

import org.jspecify.annotations.NullMarked;
