/**
 * JDBC runtime of pm-db: the shared SQLite connection and its leases, PRAGMAs, exception
 * translation and the transaction manager.
 */
@NullMarked
package dev.pm.db.jdbc;

import org.jspecify.annotations.NullMarked;
