package dev.pm.db;

import java.nio.file.Path;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of a {@link DatabaseRestore}.
 *
 * @param path the absolute path of the restored database
 * @param restoredTo the moment whose committed state it holds: the last snapshot or
 * segment at or before the requested moment
 * @param problem why the restore stopped before the requested moment (the file and the
 * moment), or {@code null} if it did not
 * @author pm-db
 * @since 0.1.0
 */
public record RestoredDatabase(Path path, Instant restoredTo, @Nullable String problem) {

}
