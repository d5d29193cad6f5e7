package dev.pm.db.jdbc;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.CannotAcquireLockException;

/**
 * The right to use the one shared connection. A thread holds it from the moment it asks
 * the data source for a connection until it closes that connection (for a transaction:
 * until the transaction ends), so two threads never share a transaction. The same thread
 * may lease again while it holds the lease; the connection is free again when every lease
 * is closed.
 * <p>
 * A lease belongs to the connection handed out, not to the thread: closing it from
 * another thread (a callback, a clean-up task) ends it like closing it on its own thread.
 * A thread whose interrupt flag is set still gets a free connection at once (the flag
 * stays set); only waiting for a busy one is cut short by an interrupt.
 * <p>
 * Leases can be {@linkplain #reclaim() reclaimed}: every lease open at that moment ends,
 * and closing or using one of them afterwards releases nothing. A thread that died
 * holding the connection never closes its leases: the first waiter to notice takes the
 * connection over and the leases of the dead thread end the same way. A connection held
 * longer than the leak warning is reported when it is released or while another thread
 * waits for it, with the holder's stack at that moment. Recording where every lease is
 * taken would cost a stack trace per transaction (a fifth of the point-read rate,
 * measured), so it starts only after a first report: from then on, reports also show
 * where the connection was taken.
 * <p>
 * Threads get the connection in the order they asked for it ({@link LeaseQueue}): a
 * waiter keeps its place while it wakes up to look after the holder, and threads that did
 * not wait may pass the first waiter a few times ({@link LeaseQueue#MAX_PASSES}), no
 * more. The lease used to let any newcomer take a free connection and sent a waiter to
 * the end of the line every 100 ms: with 200 threads writing, the median wait was near
 * zero but some waited the whole busy timeout and failed (42-675 timeouts in 30 s,
 * BENCHMARKS.md scenario 10). With one pass, none failed, but most hand-offs woke a
 * parked thread and left the connection idle meanwhile (0.45-0.85 of the old throughput).
 * With 8, the thread that just handed the connection back mostly runs a few transactions
 * more first: none failed either, at 1.25-1.37 of the old throughput, and the longest
 * waits were about twice those of one pass (0.4-1.2 s on a loaded machine).
 *
 * @author pm-db
 */
final class ConnectionLease {

	private static final Log logger = LogFactory.getLog(ConnectionLease.class);

	// How often a waiting thread looks whether the holder died or has held too long; it
	// keeps its place in line meanwhile.
	private static final long LOOK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private final LeaseQueue queue = new LeaseQueue();

	// How many leases the holding thread has open; the connection is free at zero.
	private final AtomicInteger open = new AtomicInteger();

	private final Duration timeout;

	private final DeadHolderHandler deadHolderHandler;

	// What is leased, for messages: "the database connection", "read-only connection 2".
	private final String what;

	private volatile Duration leakWarning = Duration.ofSeconds(10);

	private volatile LeaseListener listener = LeaseListener.NONE;

	// Bumped by reclaim(): leases handed out before it are over.
	private volatile int generation;

	// Set when the connection is taken: when, where, and whether it was reported as held
	// too long.
	private volatile long takenAt;

	private volatile @Nullable Throwable takenHere;

	private volatile boolean reported;

	// Set by the first report: from then on each hand-over records where it happened.
	private volatile boolean recordTakeSites;

	// The lease that began the transaction open on the connection, if one of them did:
	// only it may end the transaction. Written and read by the holding thread.
	private @Nullable Object transactionOwner;

	/**
	 * Create a lease.
	 * @param timeout how long a thread waits for the connection
	 * @param deadHolderHandler told, on the thread that took the connection over, of a
	 * holder that died without closing its leases
	 */
	ConnectionLease(Duration timeout, DeadHolderHandler deadHolderHandler) {
		this(timeout, deadHolderHandler, "the database connection");
	}

	/**
	 * Create a lease of a connection named {@code what} in messages.
	 */
	ConnectionLease(Duration timeout, DeadHolderHandler deadHolderHandler, String what) {
		this.timeout = timeout;
		this.deadHolderHandler = deadHolderHandler;
		this.what = what;
	}

	/**
	 * Set after how long a held connection is reported with the place it was taken;
	 * {@link Duration#ZERO} reports nothing and records no place.
	 */
	void setLeakWarning(Duration leakWarning) {
		this.leakWarning = leakWarning;
	}

	void setListener(LeaseListener listener) {
		this.listener = listener;
	}

	/**
	 * Return who holds the connection now, without waiting for it.
	 */
	LeaseStatus status() {
		Thread owner = this.queue.owner();
		return (owner != null) ? new LeaseStatus(owner.getName(), Duration.ofNanos(System.nanoTime() - this.takenAt),
				this.queue.waiting()) : new LeaseStatus(null, Duration.ZERO, this.queue.waiting());
	}

	/**
	 * Take a lease, waiting up to the timeout while another thread holds the connection.
	 * @return the generation the lease belongs to, for {@link #isCurrent(int)}
	 */
	int acquire() throws SQLException {
		if (reentered()) {
			return this.generation;
		}
		long asked = 0;
		Thread dead = null;
		if (!this.queue.take()) {
			asked = System.nanoTime();
			dead = await();
		}
		taken(asked);
		if (dead != null) {
			cleanUpAfter(dead);
		}
		return this.generation;
	}

	private void cleanUpAfter(Thread dead) throws SQLException {
		try {
			this.deadHolderHandler.tookOverFrom(dead);
		}
		catch (SQLException | RuntimeException ex) {
			release();
			throw ex;
		}
	}

	/**
	 * Take a lease if the connection is free now, without waiting; {@code false} if the
	 * current thread holds it already (lease again with {@link #acquire()}).
	 * @return whether the lease was taken
	 */
	boolean tryTake() {
		if (!this.queue.take()) {
			return false;
		}
		taken(0);
		return true;
	}

	/**
	 * Take a lease if the connection becomes free within {@code timeout}.
	 * @return whether the lease was taken
	 * @throws InterruptedException if the thread was interrupted while it waited
	 */
	boolean tryAcquire(Duration timeout) throws InterruptedException {
		if (reentered()) {
			return true;
		}
		if (!this.queue.take()) {
			LeaseQueue.Waiter place = this.queue.join();
			if (!this.queue.await(place, timeout.toNanos())) {
				this.queue.giveUp(place);
				return false;
			}
		}
		taken(0);
		return true;
	}

	// The thread holding the connection may take it again (a template inside a
	// transaction).
	private boolean reentered() {
		if (!isHeldByCurrentThread()) {
			return false;
		}
		this.open.incrementAndGet();
		return true;
	}

	// asked: when the thread began to wait, or 0 if the connection was free.
	private void taken(long asked) {
		this.open.set(1);
		this.transactionOwner = null;
		this.takenAt = System.nanoTime();
		this.listener.taken((asked != 0) ? this.takenAt - asked : 0);
		this.reported = false;
		this.takenHere = this.recordTakeSites ? new Throwable("The database connection was taken here") : null;
	}

	// Returns the dead thread the connection was taken over from, if it was.
	private @Nullable Thread await() {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		LeaseQueue.Waiter place = this.queue.join();
		try {
			for (long left = this.timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
				if (this.queue.await(place, Math.min(left, LOOK_NANOS))) {
					return null;
				}
				Thread dead = this.queue.takeOverFromDeadOwner(place);
				if (dead != null) {
					this.generation++;
					return dead;
				}
				reportIfHeldTooLong("still holds", System.nanoTime() - this.takenAt);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CannotAcquireLockException("Interrupted while waiting for " + this.what + " of pm-db", ex);
		}
		this.queue.giveUp(place);
		throw new CannotAcquireLockException("Timed out after " + this.timeout.toMillis()
				+ " ms (pm.db.busy-timeout) waiting for " + this.what + ", which thread '" + holderName() + "' holds"
				+ waitingBesides() + ". pm-db serves the application from one SQLite connection:"
				+ " keep transactions short, and do not wait inside a transaction for another thread that"
				+ " needs the database");
	}

	private String waitingBesides() {
		int others = this.queue.waiting();
		return (others > 0) ? " while " + others + " other thread(s) wait for it" : "";
	}

	private void reportIfHeldTooLong(String verb, long heldNanos) {
		long heldMillis = TimeUnit.NANOSECONDS.toMillis(heldNanos);
		// The holder, or, if it let go a moment ago, the thread reporting.
		Thread holder = Objects.requireNonNullElse(this.queue.owner(), Thread.currentThread());
		if (this.leakWarning.isZero() || this.reported || heldMillis <= this.leakWarning.toMillis()) {
			return;
		}
		this.reported = true;
		Throwable taken = this.takenHere;
		Throwable where = new Throwable("Thread '" + holder.getName() + "' is here now");
		where.setStackTrace(holder.getStackTrace());
		if (taken != null) {
			where.initCause(taken);
		}
		logger.warn("Thread '" + holder.getName() + "' " + verb + " " + this.what + " after " + heldMillis
				+ " ms, longer than pm.db.lease.leak-warning (" + this.leakWarning.toMillis() + " ms); every other"
				+ " thread waits meanwhile. Close each connection you take, and keep transactions short"
				+ ((taken != null) ? ""
						: ". pm-db records from now on where the connection is taken, for the" + " next report"),
				where);
		this.recordTakeSites = true;
	}

	/**
	 * Record that {@code lease} began the transaction now open on the connection, or,
	 * with {@code null}, that no lease's transaction is open.
	 */
	void setTransactionOwner(@Nullable Object lease) {
		this.transactionOwner = lease;
	}

	/**
	 * Return whether a lease other than {@code lease} began the open transaction, so that
	 * {@code lease} only joined it and must not end it.
	 */
	boolean transactionBegunByAnotherThan(Object lease) {
		Object owner = this.transactionOwner;
		return owner != null && owner != lease;
	}

	/**
	 * Return whether {@code lease} began the open transaction.
	 */
	boolean isTransactionOwner(Object lease) {
		return this.transactionOwner == lease;
	}

	/**
	 * Return the generation of leases taken now.
	 */
	int generation() {
		return this.generation;
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
		return this.queue.isHeldBy(Thread.currentThread());
	}

	/**
	 * End one current lease.
	 */
	void release() {
		if (this.open.decrementAndGet() == 0) {
			long heldNanos = System.nanoTime() - this.takenAt;
			reportIfHeldTooLong("released", heldNanos);
			this.listener.released(heldNanos);
			this.queue.release();
		}
	}

	/**
	 * End every open lease of the current thread, which must hold the connection, and
	 * make the connection free.
	 */
	void reclaim() {
		this.generation++;
		this.open.set(0);
		this.queue.release();
	}

	String holderName() {
		Thread owner = this.queue.owner();
		return (owner != null) ? owner.getName() : "(released meanwhile)";
	}

	/**
	 * What to do, on the thread that took the connection over, about a thread that died
	 * holding it.
	 */
	@FunctionalInterface
	interface DeadHolderHandler {

		void tookOverFrom(Thread dead) throws SQLException;

	}

}
