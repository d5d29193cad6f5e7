package dev.pm.cli.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

import dev.pm.db.DatabasePath;
import dev.pm.db.SqliteDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reports the state of the database: for SQLite, what the starter knows about it and the
 * files on disk; for a server database, the server, its version and the schema version.
 * Files are inspected through their attributes only; opening them with streams while
 * SQLite holds them open would drop SQLite's locks.
 */
@Service
public class DatabaseStatusService {

	private final ObjectProvider<SqliteDatabase> database;

	private final JdbcClient jdbc;

	private final JdbcOperations jdbcOperations;

	// Asked for when a server database's status is: making a Flyway costs a tenth of a
	// start, and pm-db's Flyway bean is made at its first use.
	private final ObjectProvider<Flyway> flyway;

	DatabaseStatusService(ObjectProvider<SqliteDatabase> database, JdbcClient jdbc, JdbcOperations jdbcOperations,
			ObjectProvider<Flyway> flyway) {
		this.database = database;
		this.jdbc = jdbc;
		this.jdbcOperations = jdbcOperations;
		this.flyway = flyway;
	}

	/**
	 * Tells whether the database is pm-db's SQLite file; otherwise it is a server
	 * database, for which pm-db stepped aside.
	 * @return whether it is SQLite
	 */
	public boolean isSqlite() {
		return this.database.getIfAvailable() != null;
	}

	/**
	 * Returns the state of the SQLite database now.
	 * @return the state, after a full integrity check
	 */
	public DatabaseStatus status() {
		SqliteDatabase database = this.database.getObject();
		String journalMode = this.jdbc.sql("PRAGMA journal_mode").query(String.class).single();
		boolean integrityOk = database.checkIntegrity();
		String schemaVersion = database.getSchemaVersion().orElse(null);
		Path path = database.getPath().getFile();
		if (path == null) {
			return new DatabaseStatus(DatabasePath.IN_MEMORY, schemaVersion, journalMode, integrityOk, null, 0, 0,
					null);
		}
		Path wal = DatabasePath.companionOf(path, "-wal");
		return new DatabaseStatus(path.toString(), schemaVersion, journalMode, integrityOk, permissions(path),
				size(path), size(wal), null);
	}

	/**
	 * Returns the state of the server database now: the server, its version and the
	 * schema version.
	 * @return the state
	 */
	public ServerDatabaseStatus serverStatus() {
		ServerDatabaseStatus status = this.jdbcOperations
			.execute((ConnectionCallback<ServerDatabaseStatus>) (connection) -> serverStatus(connection.getMetaData()));
		MigrationInfo current = this.flyway.getObject().info().current();
		String schemaVersion = (current != null) ? current.getVersion().getVersion() : null;
		return new ServerDatabaseStatus(status.database(), status.server(), status.version(), schemaVersion);
	}

	private static ServerDatabaseStatus serverStatus(DatabaseMetaData metaData) throws SQLException {
		return new ServerDatabaseStatus(metaData.getDatabaseProductName().toLowerCase(Locale.ROOT),
				server(metaData.getURL()),
				metaData.getDatabaseProductName() + " " + metaData.getDatabaseProductVersion(), null);
	}

	/**
	 * Returns the name of the database for messages: its file, or its server.
	 * @return the name
	 */
	public String name() {
		if (isSqlite()) {
			return this.database.getObject().getPath().toString();
		}
		return serverStatus().server();
	}

	/** {@code jdbc:postgresql://host:5432/pm?user=...} is {@code host:5432/pm}. */
	private static String server(String url) {
		String server = url.substring(url.indexOf("//") + 2);
		int parameters = server.indexOf('?');
		return (parameters < 0) ? server : server.substring(0, parameters);
	}

	private static String permissions(Path path) {
		try {
			return PosixFilePermissions.toString(Files.readAttributes(path, PosixFileAttributes.class).permissions());
		}
		catch (UnsupportedOperationException ex) {
			return null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static long size(Path path) {
		try {
			return Files.exists(path) ? Files.size(path) : 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
