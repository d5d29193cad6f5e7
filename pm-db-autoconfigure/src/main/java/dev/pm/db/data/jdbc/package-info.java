/**
 * Spring Data JDBC on SQLite: the dialect and the provider through which Spring Data
 * finds it.
 */
@NullMarked
package dev.pm.db.data.jdbc;

import org.jspecify.annotations.NullMarked;
