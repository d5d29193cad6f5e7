/**
 * Auto-configuration of continuous replication and point-in-time restore.
 */
@NullMarked
package dev.pm.db.autoconfigure.replication;

import org.jspecify.annotations.NullMarked;
