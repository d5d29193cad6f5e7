package dev.pm.db.jdbc;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The line of threads waiting for the connection, step by step: other threads only join
 * the line (or give up their place) when told to, so every state is reached on purpose.
 */
class LeaseQueueTests {

	private final LeaseQueue queue = new LeaseQueue();

	private final CountDownLatch done = new CountDownLatch(1);

	@AfterEach
	void finish() {
		this.done.countDown();
	}

	@Test
	void threadThatJoinsWhileTheConnectionIsFreeForTheFirstWaiterQueuesBehindIt() throws Exception {
		assertThat(this.queue.take()).isTrue();
		inLine("first");
		this.queue.release();
		assertThat(this.queue.owner()).isNull();
		this.queue.join();
		assertThat(this.queue.waiting()).isEqualTo(2);
	}

	@Test
	void waiterThatGivesUpAConnectionGivenToItHandsItOn() throws Exception {
		assertThat(this.queue.take()).isTrue();
		AtomicReference<LeaseQueue.Waiter> first = new AtomicReference<>();
		Thread waiter = inLine(first);
		this.queue.release();
		assertThat(this.queue.take()).isTrue();
		this.queue.release();
		assertThat(this.queue.owner()).isSameAs(waiter);
		this.queue.giveUp(first.get());
		assertThat(this.queue.owner()).isNull();
		assertThat(this.queue.take()).isTrue();
	}

	@Test
	void firstWaiterThatGivesUpWhileTheConnectionIsFreeLeavesItToTheNext() throws Exception {
		assertThat(this.queue.take()).isTrue();
		AtomicReference<LeaseQueue.Waiter> first = new AtomicReference<>();
		inLine(first);
		inLine("second");
		this.queue.release();
		this.queue.giveUp(first.get());
		assertThat(this.queue.waiting()).isOne();
		// The next waiter may be passed once again, as a new first waiter.
		assertThat(this.queue.take()).isTrue();
	}

	@Test
	void waiterThatGivesUpWhileTheConnectionIsHeldOnlyLeavesTheLine() throws Exception {
		assertThat(this.queue.take()).isTrue();
		AtomicReference<LeaseQueue.Waiter> first = new AtomicReference<>();
		AtomicReference<LeaseQueue.Waiter> second = new AtomicReference<>();
		inLine(first);
		inLine(second);
		this.queue.giveUp(second.get());
		this.queue.giveUp(first.get());
		assertThat(this.queue.waiting()).isZero();
		assertThat(this.queue.owner()).isSameAs(Thread.currentThread());
	}

	@Test
	void waiterThatIsNotFirstLeavesAFreeConnectionToTheFirstAndTimesOut() throws Exception {
		assertThat(this.queue.take()).isTrue();
		inLine("first");
		CountDownLatch joined = new CountDownLatch(1);
		CountDownLatch go = new CountDownLatch(1);
		AtomicReference<Boolean> got = new AtomicReference<>();
		Thread second = new Thread(() -> {
			LeaseQueue.Waiter place = this.queue.join();
			joined.countDown();
			try {
				go.await(10, TimeUnit.SECONDS);
				got.set(this.queue.await(place, TimeUnit.MILLISECONDS.toNanos(50)));
				this.queue.giveUp(place);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		second.start();
		assertThat(joined.await(10, TimeUnit.SECONDS)).isTrue();
		this.queue.release();
		go.countDown();
		second.join(10_000);
		assertThat(got.get()).isFalse();
		assertThat(this.queue.owner()).isNull();
		assertThat(this.queue.waiting()).isOne();
	}

	@Test
	void freeConnectionIsNotTakenOverAsIfItsOwnerHadDied() throws Exception {
		assertThat(this.queue.take()).isTrue();
		AtomicReference<LeaseQueue.Waiter> first = new AtomicReference<>();
		inLine(first);
		this.queue.release();
		assertThat(this.queue.takeOverFromDeadOwner(first.get())).isNull();
		assertThat(this.queue.owner()).isNull();
	}

	private Thread inLine(String name) throws InterruptedException {
		return inLine(new AtomicReference<>());
	}

	// A thread that joins the line and then does nothing until the test ends.
	private Thread inLine(AtomicReference<LeaseQueue.Waiter> place) throws InterruptedException {
		CountDownLatch joined = new CountDownLatch(1);
		Thread thread = new Thread(() -> {
			place.set(this.queue.join());
			joined.countDown();
			try {
				this.done.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		thread.start();
		assertThat(joined.await(10, TimeUnit.SECONDS)).isTrue();
		return thread;
	}

}
