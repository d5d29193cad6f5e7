package dev.pm.db.backup;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

import dev.pm.db.DatabaseBackup;
import dev.pm.db.DatabaseException;
import dev.pm.db.jdbc.SqliteDataSource;
import dev.pm.db.support.IntegrityChecker;
import dev.pm.db.support.NewFile;
import org.sqlite.JDBC;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * Consistent copies of the database while the application keeps working. The copy is
 * written by SQLite's online backup from a read-only connection of its own, so in WAL
 * mode the application's writers do not wait for it (in a rollback-journal mode they wait
 * for it to finish, up to the busy timeout); an in-memory database is copied on the
 * shared connection.
 * <p>
 * To restore, stop the application, put the copy in the database's place, and start it:
 * the start-up checks verify the copy before anything uses it.
 *
 * @author pm-db
 * @since 0.1.0
 */
public class OnlineBackup implements DatabaseBackup {

	private static final int ALL_PAGES = -1;

	private static final int BUSY_SLEEP_MILLIS = 100;

	private static final int BUSY_RETRIES = 3;

	private final SqliteDataSource dataSource;

	private final Set<PosixFilePermission> permissions;

	/**
	 * Create the backup of one database.
	 * @param dataSource the data source of the database
	 * @param permissions the POSIX permissions of every copy (ignored without POSIX)
	 */
	public OnlineBackup(SqliteDataSource dataSource, Set<PosixFilePermission> permissions) {
		this.dataSource = dataSource;
		this.permissions = Set.copyOf(permissions);
	}

	@Override
	public Path backupTo(Path target) {
		Path copy = target.toAbsolutePath().normalize();
		create(copy);
		try {
			try (Connection source = openSource()) {
				// SQLite's online backup in one step: every page as of one read snapshot.
				// In steps, each write by another connection would restart it, for ever
				// under a steady writer.
				source.unwrap(SQLiteConnection.class)
					.getDatabase()
					.backup("main", copy.toString(), null, BUSY_SLEEP_MILLIS, BUSY_RETRIES, ALL_PAGES);
			}
			SQLiteConfig readOnly = new SQLiteConfig();
			readOnly.setReadOnly(true);
			try (Connection written = JDBC.createConnection("jdbc:sqlite:" + copy, readOnly.toProperties())) {
				IntegrityChecker.requireSound(written, false, copy);
			}
		}
		catch (SQLException ex) {
			throw new DatabaseException(copy,
					"Cannot back up database " + this.dataSource.getPath() + " to " + copy + ": " + ex.getMessage(),
					ex);
		}
		return copy;
	}

	// An in-memory database exists only on the shared connection.
	private Connection openSource() throws SQLException {
		return this.dataSource.getPath().isInMemory() ? this.dataSource.getConnection()
				: this.dataSource.getDriver().openReadOnly();
	}

	private void create(Path copy) {
		try {
			NewFile.create(copy, this.permissions);
		}
		catch (FileAlreadyExistsException ex) {
			throw new DatabaseException(copy,
					"Backup target " + copy + " exists; a backup never overwrites a file. Choose a new name", ex);
		}
		catch (IOException ex) {
			throw new DatabaseException(copy, "Cannot create backup file " + copy + ": " + ex, ex);
		}
	}

}
