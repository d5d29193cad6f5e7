/**
 * Health of a pm-db database for Spring Boot Actuator.
 */
@NullMarked
package dev.pm.db.health;

import org.jspecify.annotations.NullMarked;
