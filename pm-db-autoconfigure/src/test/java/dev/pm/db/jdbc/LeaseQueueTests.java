package dev.pm.db.jdbc;

import java.util.ArrayList;
import java.util.List;
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
	void waitersGetTheConnectionInTheOrderTheyJoinedEachPassedOverAtMostMaxPassesTimes() throws Exception {
		assertThat(this.queue.take()).isTrue();
		List<Thread> waiters = List.of(inLine("first"), inLine("second"), inLine("third"));
		List<Thread> served = new ArrayList<>();
		List<Integer> passedOver = new ArrayList<>();
		int passes = 0;
		// This thread asks again after every hand-back, as a running thread that never
		// waits would; it also hands back for the waiters, which do nothing themselves.
		for (int i = 0; i < 1000 && served.size() < waiters.size(); i++) {
			this.queue.release();
			Thread owner = this.queue.owner();
			if (owner != null) {
				served.add(owner);
				passedOver.add(passes);
				passes = 0;
			}
			else {
				assertThat(this.queue.take()).isTrue();
				passes++;
			}
		}
		assertThat(served).isEqualTo(waiters);
		assertThat(passedOver).containsOnly(LeaseQueue.MAX_PASSES);
	}

	@Test
	void waiterThatGivesUpAConnectionGivenToItHandsItOn() throws Exception {
		assertThat(this.queue.take()).isTrue();
		AtomicReference<LeaseQueue.Waiter> first = new AtomicReference<>();
		Thread waiter = inLine(first);
		this.queue.release();
		passAsOftenAsAllowed();
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
		// The next waiter may be passed as often again, as a new first waiter.
		passAsOftenAsAllowed();
	}

	@Test
	void onlyWaiterThatGivesUpWhileTheConnectionIsFreeLeavesItFreeForAnyone() throws Exception {
		assertThat(this.queue.take()).isTrue();
		AtomicReference<LeaseQueue.Waiter> only = new AtomicReference<>();
		inLine(only);
		this.queue.release();
		this.queue.giveUp(only.get());
		assertThat(this.queue.waiting()).isZero();
		assertThat(this.queue.owner()).isNull();
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

	// From a free connection with a waiter in line: take it ahead of that waiter as often
	// as the waiter may be passed over, releasing it in between; ends holding it.
	private void passAsOftenAsAllowed() {
		for (int pass = 1; pass <= LeaseQueue.MAX_PASSES; pass++) {
			if (pass > 1) {
				this.queue.release();
			}
			assertThat(this.queue.take()).as("pass %d", pass).isTrue();
		}
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
