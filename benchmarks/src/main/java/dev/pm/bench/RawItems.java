package dev.pm.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.sqlite.SQLiteConfig;

/**
 * The baseline: {@link Items} on one raw sqlite-jdbc connection with the PRAGMAs the
 * starter sets, kept with auto-commit off, each transaction ended by {@code commit()}
 * (sqlite-jdbc then begins the next one itself). Every statement is prepared per
 * transaction, as {@code JdbcTemplate} does, so the difference to the starter is the
 * transaction handling. Single-threaded, like the connection.
 *
 * @author pm-db
 */
public final class RawItems implements Items, AutoCloseable {

	private final Connection connection;

	private RawItems(Connection connection) {
		this.connection = connection;
	}

	/**
	 * Open a database, create the schema if it is missing, and keep the connection in a
	 * transaction from then on.
	 * @param file the database file
	 * @param synchronous {@code normal} or {@code full}
	 * @return the open baseline
	 * @throws SQLException if SQLite refuses
	 */
	public static RawItems open(Path file, String synchronous) throws SQLException {
		Connection connection = new SQLiteConfig().createConnection("jdbc:sqlite:" + file);
		try (Statement statement = connection.createStatement()) {
			// The starter's PRAGMAs, in its order.
			statement.execute("PRAGMA busy_timeout = 5000");
			statement.execute("PRAGMA journal_mode = wal");
			statement.execute("PRAGMA synchronous = " + synchronous);
			statement.execute("PRAGMA foreign_keys = on");
			Schema.create(statement);
		}
		connection.setAutoCommit(false);
		return new RawItems(connection);
	}

	@Override
	public void insert(long n) {
		try {
			insertRow(Items.name(n), n);
			this.connection.commit();
		}
		catch (SQLException ex) {
			throw rollback(ex);
		}
	}

	private void insertRow(String name, long amount) throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(INSERT)) {
			statement.setString(1, name);
			statement.setLong(2, amount);
			statement.executeUpdate();
		}
	}

	@Override
	public String find(long id) {
		try {
			String name = findRow(id);
			this.connection.commit();
			return name;
		}
		catch (SQLException ex) {
			throw rollback(ex);
		}
	}

	private String findRow(long id) throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(SELECT_BY_ID)) {
			statement.setLong(1, id);
			try (ResultSet result = statement.executeQuery()) {
				if (!result.next()) {
					throw new SQLException("No item " + id);
				}
				return result.getString(1);
			}
		}
	}

	@Override
	public void holdRead(long id, long millis) {
		try {
			findRow(id);
			Items.pause(millis);
			this.connection.commit();
		}
		catch (SQLException ex) {
			throw rollback(ex);
		}
	}

	@Override
	public void insertBatch(int rows) {
		try (PreparedStatement statement = this.connection.prepareStatement(INSERT)) {
			for (int i = 0; i < rows; i++) {
				statement.setString(1, Items.name(i));
				statement.setLong(2, i);
				statement.addBatch();
			}
			statement.executeBatch();
			this.connection.commit();
		}
		catch (SQLException ex) {
			throw rollback(ex);
		}
	}

	@Override
	public void findThenInsert(long id) {
		try {
			insertRow(findRow(id), id);
			this.connection.commit();
		}
		catch (SQLException ex) {
			throw rollback(ex);
		}
	}

	@Override
	public long count() {
		try (Statement statement = this.connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT count(*) FROM item")) {
			result.next();
			long count = result.getLong(1);
			this.connection.commit();
			return count;
		}
		catch (SQLException ex) {
			throw rollback(ex);
		}
	}

	private IllegalStateException rollback(SQLException ex) {
		try {
			this.connection.rollback();
		}
		catch (SQLException rollbackFailure) {
			ex.addSuppressed(rollbackFailure);
		}
		return new IllegalStateException(ex);
	}

	@Override
	public void close() throws SQLException {
		this.connection.rollback();
		this.connection.close();
	}

}
