package dev.pm.bench;

/**
 * The work every scenario measures, one method per transaction, so that the starter, raw
 * sqlite-jdbc and a pooled setup run exactly the same statements.
 *
 * @author pm-db
 */
public interface Items {

	/** The insert every write runs. */
	String INSERT = "INSERT INTO item (name, amount) VALUES (?, ?)";

	/** The point read every read runs. */
	String SELECT_BY_ID = "SELECT name, amount FROM item WHERE id = ?";

	/**
	 * Insert one row in its own read-write transaction.
	 * @param n a number that makes the row distinct
	 */
	void insert(long n);

	/**
	 * Read one row by primary key in its own read-only transaction.
	 * @param id the primary key of a row that exists
	 * @return the row's name
	 */
	String find(long id);

	/**
	 * Read one row by primary key, then keep the read-only transaction open for a while,
	 * as a slow report does.
	 * @param id the primary key of a row that exists
	 * @param millis how long the transaction stays open after the read
	 */
	void holdRead(long id, long millis);

	/**
	 * Insert rows in one transaction, as one JDBC batch.
	 * @param rows how many rows
	 */
	void insertBatch(int rows);

	/**
	 * Read a row, then insert one, in one read-write transaction.
	 * @param id the primary key of a row that exists
	 */
	void findThenInsert(long id);

	/**
	 * Count the rows.
	 * @return the number of rows in the table
	 */
	long count();

	/**
	 * Name of the row inserted for a number; shared so every side writes the same bytes.
	 * @param n the number
	 * @return the name
	 */
	static String name(long n) {
		return "item-" + n;
	}

	/**
	 * Sleep inside a transaction, as a slow report's work would take.
	 * @param millis how long
	 */
	static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
