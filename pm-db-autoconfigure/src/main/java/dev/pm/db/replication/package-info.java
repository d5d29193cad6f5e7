/**
 * Continuous replication of the database into a directory (snapshots and write-ahead log
 * segments, in generations) and point-in-time restore from such a directory alone.
 */
@NullMarked
package dev.pm.db.replication;

import org.jspecify.annotations.NullMarked;
