package dev.pm.db.jdbc;

import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * Who holds the connection, and the threads waiting for it in the order they asked. Any
 * thread may hand it back.
 * <p>
 * A waiter keeps its place for as long as it waits: it may wake up to look after the
 * holder (dead, or holding too long) and go back to sleep without joining the end of the
 * line. When the holder hands the connection back, the first waiter gets it, with one
 * exception that keeps the connection busy instead of idle while that waiter wakes up: a
 * thread that asks just then, without having waited, may take it first, but only
 * {@value #MAX_PASSES} times in a row; after that the connection goes straight to the
 * first waiter. So no waiter is passed over more than {@value #MAX_PASSES} times per
 * place it moves up, and a waiter's wait is bounded by the holds of the threads ahead of
 * it and {@value #MAX_PASSES} holds of others per place.
 * <p>
 * Waiting parks the thread ({@link LockSupport}) behind a {@link ReentrantLock} held for
 * a few field updates only, so virtual threads wait without pinning their carrier.
 *
 * @author pm-db
 */
final class LeaseQueue {

	// Mostly the thread that just handed the connection back asks again: it runs that
	// many transactions more before the connection goes to a parked thread, whose
	// wake-up leaves the connection idle. 200 threads writing (BENCHMARKS.md scenario
	// 10, a loaded machine): of 1, 2, 4, 8 and 16, 8 and 16 had the highest throughput;
	// 8 against 1 in the same run: 1.48x the throughput, the longest wait about twice as
	// long (0.9-1.2 s against 0.4-0.9 s), no timeouts with either. A first waiter that
	// spins instead of parking was measured slower.
	/**
	 * How many times in a row a thread that did not wait may take the connection ahead of
	 * the first waiter.
	 */
	static final int MAX_PASSES = 8;

	private final ReentrantLock lock = new ReentrantLock();

	private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();

	// Written under the lock; volatile for the readers that do not take it.
	private volatile @Nullable Thread owner;

	// How often the first waiter was passed over since it became first.
	private int passes;

	/**
	 * Take the connection if it is free and nobody waits for it, or if the first waiter
	 * may still be passed over.
	 * @return whether the current thread holds the connection now
	 */
	boolean take() {
		this.lock.lock();
		try {
			if (this.owner != null) {
				return false;
			}
			// Free with a waiter in line only after a hand-back that allowed a pass
			// (passes < MAX_PASSES): the next hand-back goes to the waiter.
			if (!this.waiting.isEmpty()) {
				this.passes++;
			}
			this.owner = Thread.currentThread();
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Join the end of the line; a connection that became free meanwhile, with nobody
	 * waiting, is taken at once.
	 * @return the current thread's place
	 */
	Waiter join() {
		Waiter waiter = new Waiter(Thread.currentThread());
		this.lock.lock();
		try {
			if (this.owner == null && this.waiting.isEmpty()) {
				grant(waiter);
			}
			else {
				this.waiting.addLast(waiter);
			}
		}
		finally {
			this.lock.unlock();
		}
		return waiter;
	}

	/**
	 * Wait at most {@code nanos} for the connection, keeping the place in line.
	 * @param waiter the current thread's place
	 * @param nanos the longest wait
	 * @return whether the current thread holds the connection now
	 * @throws InterruptedException if the thread was interrupted while it waited; it has
	 * left the line then
	 */
	boolean await(Waiter waiter, long nanos) throws InterruptedException {
		long deadline = System.nanoTime() + nanos;
		while (!waiter.granted) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			LockSupport.parkNanos(this, left);
			if (Thread.interrupted()) {
				giveUp(waiter);
				throw new InterruptedException();
			}
			takeIfFirst(waiter);
		}
		return true;
	}

	// A holder that handed the connection back without giving it to the first waiter
	// woke it to take it.
	private void takeIfFirst(Waiter waiter) {
		this.lock.lock();
		try {
			// Given the connection meanwhile, the waiter is its owner and out of line.
			if (this.owner == null && this.waiting.peekFirst() == waiter) {
				this.waiting.removeFirst();
				grant(waiter);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Leave the line; a connection given to the waiter meanwhile is handed on.
	 * @param waiter the current thread's place
	 */
	void giveUp(Waiter waiter) {
		this.lock.lock();
		try {
			if (waiter.granted) {
				release();
				return;
			}
			boolean wasFirst = this.waiting.peekFirst() == waiter;
			this.waiting.remove(waiter);
			if (wasFirst) {
				this.passes = 0;
				if (this.owner == null) {
					// It may have been woken to take the connection: the next one takes
					// it instead.
					wakeFirst();
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Hand the connection back: to the first waiter, or free for whoever asks first if
	 * that waiter may still be passed over (it is woken to ask).
	 */
	void release() {
		Thread wake;
		this.lock.lock();
		try {
			Waiter first = this.waiting.peekFirst();
			if (first != null && this.passes >= MAX_PASSES) {
				this.waiting.removeFirst();
				grant(first);
			}
			else {
				this.owner = null;
			}
			wake = (first != null) ? first.thread : null;
		}
		finally {
			this.lock.unlock();
		}
		// Outside the lock: the thread woken may need it at once.
		if (wake != null) {
			LockSupport.unpark(wake);
		}
	}

	/**
	 * Take the connection over from an owner that died, which never hands it back.
	 * @param waiter the current thread's place
	 * @return the dead owner, or {@code null} if the connection is free or its owner
	 * lives
	 */
	@Nullable Thread takeOverFromDeadOwner(Waiter waiter) {
		this.lock.lock();
		try {
			Thread dead = this.owner;
			if (waiter.granted || dead == null || dead.isAlive()) {
				return null;
			}
			this.waiting.remove(waiter);
			grant(waiter);
			return dead;
		}
		finally {
			this.lock.unlock();
		}
	}

	// Under the lock.
	private void grant(Waiter waiter) {
		this.owner = waiter.thread;
		this.passes = 0;
		waiter.granted = true;
	}

	// Under the lock.
	private void wakeFirst() {
		Waiter first = this.waiting.peekFirst();
		if (first != null) {
			LockSupport.unpark(first.thread);
		}
	}

	@Nullable Thread owner() {
		return this.owner;
	}

	boolean isHeldBy(Thread thread) {
		return this.owner == thread;
	}

	/**
	 * Return how many threads wait for the connection.
	 */
	int waiting() {
		this.lock.lock();
		try {
			return this.waiting.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * One thread's place in line.
	 */
	static final class Waiter {

		private final Thread thread;

		// Set under the lock, read by the waiting thread without it.
		private volatile boolean granted;

		private Waiter(Thread thread) {
			this.thread = thread;
		}

	}

}
