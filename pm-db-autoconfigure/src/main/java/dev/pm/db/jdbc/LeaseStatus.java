package dev.pm.db.jdbc;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Who has the shared connection at one moment, read without waiting for it.
 *
 * @param holder the name of the thread holding it, or {@code null} when it is free
 * @param heldFor how long that thread has held it ({@link Duration#ZERO} when free)
 * @param waiting how many threads wait for it
 * @author pm-db
 * @since 0.1.0
 */
public record LeaseStatus(@Nullable String holder, Duration heldFor, int waiting) {

}
