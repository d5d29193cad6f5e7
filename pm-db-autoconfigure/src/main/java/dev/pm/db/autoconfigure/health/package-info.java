/**
 * Auto-configuration of pm-db's health indicator.
 */
@NullMarked
package dev.pm.db.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
