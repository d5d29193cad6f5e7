package dev.pm.db;

import java.nio.file.Path;

/**
 * Consistent copies of the application's database while it is in use. The
 * auto-configuration registers one as a bean.
 *
 * @author pm-db
 * @since 0.1.0
 */
public interface DatabaseBackup {

	/**
	 * Write a consistent copy of the database to a new file, created with the configured
	 * permissions, and check its integrity.
	 * @param target where to write the copy; it must not exist, its directory must
	 * @return the absolute path of the copy
	 * @throws DatabaseException if the copy cannot be written, or the target exists (it
	 * is left unchanged)
	 * @throws DatabaseCorruptedException if the copy fails its integrity check
	 */
	Path backupTo(Path target);

}
