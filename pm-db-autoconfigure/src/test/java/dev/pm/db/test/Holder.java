package dev.pm.db.test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test support: a thread that takes a connection and keeps it until the holder is closed.
 */
public final class Holder implements AutoCloseable {

	private final CountDownLatch finish = new CountDownLatch(1);

	private final Thread thread;

	private Holder(DataSource dataSource, String name) {
		CountDownLatch holding = new CountDownLatch(1);
		this.thread = new Thread(() -> {
			try (Connection connection = dataSource.getConnection()) {
				holding.countDown();
				this.finish.await();
			}
			catch (SQLException | InterruptedException ex) {
				// Ends with the test.
			}
		}, name);
		this.thread.start();
		await(holding);
	}

	/**
	 * Start a thread named {@code name} that holds a connection of {@code dataSource}.
	 */
	public static Holder hold(DataSource dataSource, String name) {
		return new Holder(dataSource, name);
	}

	/** Let the thread close its connection and end. */
	@Override
	public void close() throws InterruptedException {
		this.finish.countDown();
		this.thread.join(5_000);
	}

	/** Wait for a latch as long as a test may, failing the test if it does not open. */
	public static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).as("latch opened in time").isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
