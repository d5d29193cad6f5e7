package dev.pm.db.jdbc;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.CannotAcquireLockException;

/**
 * The right to use the one shared connection. A thread holds it from the moment it asks the
 * data source for a connection until it closes that connection (for a transaction: until the
 * transaction ends), so two threads never share a transaction. The same thread may lease again
 * while it holds the lease; the connection is free again when every lease is closed.
 * <p>
 * A lease belongs to the connection handed out, not to the thread: closing it from another
 * thread (a callback, a clean-up task) ends it like closing it on its own thread. A thread
 * whose interrupt flag is set still gets a free connection at once (the flag stays set); only
 * waiting for a busy one is cut short by an interrupt.
 * <p>
 * Leases can be {@linkplain #reclaim() reclaimed}: every lease open at that moment ends, and
 * closing or using one of them afterwards releases nothing.
 * <p>
 * The lock is not fair: a thread that asks while the connection is free takes it, rather than
 * handing it to a parked waiter that first has to be woken up, with the connection idle
 * meanwhile. Measured with 8 threads running read-then-write transactions on 2 cores, a fair
 * lock kept about half of the single-thread rate, this one about 80%; a thread asking every
 * 5 ms beside one or two threads writing in a tight loop waited 40 ms at most (10 ms with a fair
 * lock), far below any sensible busy timeout.
 *
 * @author pm-db
 */
final class ConnectionLease {

	private final Holder holder = new Holder();

	// How many leases the holding thread has open; the connection is free at zero.
	private final AtomicInteger open = new AtomicInteger();

	private final Duration timeout;

	// Bumped by reclaim(): leases handed out before it are over.
	private volatile int generation;

	ConnectionLease(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * Take a lease, waiting up to the timeout while another thread holds the connection.
	 * @return the generation the lease belongs to, for {@link #isCurrent(int)}
	 */
	int acquire() {
		if (isHeldByCurrentThread()) {
			this.open.incrementAndGet();
			return this.generation;
		}
		if (!this.holder.take()) {
			await();
		}
		this.open.set(1);
		return this.generation;
	}

	/**
	 * Take a lease if the connection becomes free within {@code timeout}.
	 * @return whether the lease was taken
	 * @throws InterruptedException if the thread was interrupted while it waited
	 */
	boolean tryAcquire(Duration timeout) throws InterruptedException {
		if (isHeldByCurrentThread() || this.holder.take() || this.holder.tryAcquireNanos(1, timeout.toNanos())) {
			this.open.incrementAndGet();
			return true;
		}
		return false;
	}

	private void await() {
		try {
			if (this.holder.tryAcquireNanos(1, this.timeout.toNanos())) {
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CannotAcquireLockException("Interrupted while waiting for the pm-db database connection", ex);
		}
		throw new CannotAcquireLockException("Timed out after " + this.timeout.toMillis()
				+ " ms (pm.db.busy-timeout) waiting for the database connection, which thread '" + holderName()
				+ "' holds. pm-db serves the application from one SQLite connection:"
				+ " keep transactions short, and do not wait inside a transaction for another thread that"
				+ " needs the database");
	}

	/**
	 * Return whether a lease of {@code generation} is still current, that is, was not
	 * reclaimed.
	 */
	boolean isCurrent(int generation) {
		return generation == this.generation;
	}

	/**
	 * Return whether exactly one lease is open, so releasing it hands the connection on.
	 */
	boolean isLast() {
		return this.open.get() == 1;
	}

	/**
	 * Return whether the current thread holds the connection.
	 */
	boolean isHeldByCurrentThread() {
		return this.holder.isHeldBy(Thread.currentThread());
	}

	/**
	 * End one current lease.
	 */
	void release() {
		if (this.open.decrementAndGet() == 0) {
			this.holder.release(1);
		}
	}

	/**
	 * End every open lease of the current thread, which must hold the connection, and make
	 * the connection free.
	 */
	void reclaim() {
		this.generation++;
		this.open.set(0);
		this.holder.release(1);
	}

	String holderName() {
		Thread owner = this.holder.owner();
		return (owner != null) ? owner.getName() : "(released meanwhile)";
	}

	/**
	 * Who holds the connection; any thread may hand it back.
	 */
	@SuppressWarnings("serial")
	private static final class Holder extends AbstractQueuedSynchronizer {

		boolean take() {
			return tryAcquire(1);
		}

		@Nullable Thread owner() {
			return getExclusiveOwnerThread();
		}

		boolean isHeldBy(Thread thread) {
			// The state first: its volatile read makes the owner written before it visible.
			return getState() != 0 && getExclusiveOwnerThread() == thread;
		}

		@Override
		protected boolean tryAcquire(int unused) {
			if (compareAndSetState(0, 1)) {
				setExclusiveOwnerThread(Thread.currentThread());
				return true;
			}
			return false;
		}

		@Override
		protected boolean tryRelease(int unused) {
			setExclusiveOwnerThread(null);
			setState(0);
			return true;
		}

	}

}
