package dev.pm.cli.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

import dev.pm.db.DatabaseInitializer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reports the state of the database: what the starter knows about it, and the files on
 * disk. Files are inspected through their attributes only; opening them with streams
 * while SQLite holds them open would drop SQLite's locks.
 */
@Service
public class DatabaseStatusService {

	private final DatabaseInitializer database;

	private final JdbcClient jdbc;

	DatabaseStatusService(DatabaseInitializer database, JdbcClient jdbc) {
		this.database = database;
		this.jdbc = jdbc;
	}

	/**
	 * Returns the state of the database now.
	 * @return the state, after a full integrity check
	 */
	public DatabaseStatus status() {
		String journalMode = this.jdbc.sql("PRAGMA journal_mode").query(String.class).single();
		boolean integrityOk = this.database.checkIntegrity();
		String schemaVersion = this.database.getSchemaVersion().orElse(null);
		Path path = this.database.getPath();
		if (path == null) {
			return new DatabaseStatus(":memory:", schemaVersion, journalMode, integrityOk, null, 0, 0);
		}
		Path wal = path.resolveSibling(path.getFileName() + "-wal");
		return new DatabaseStatus(path.toString(), schemaVersion, journalMode, integrityOk, permissions(path),
				size(path), size(wal));
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
