package dev.nabla.tensor.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Persistent daemon threads that help the calling thread run the parts of one parallel kernel. Parts are claimed,
 * not assigned: the caller and every awake worker take the next unclaimed part until none is left, so a worker
 * that the operating system has not scheduled yet (a shared two-core machine) costs nothing — the caller runs
 * its part too. Parts write disjoint outputs, so which thread runs a part does not change a single bit.
 *
 * <p>A call publishes the job and bumps the ticket of the workers it wants; each worker spins briefly on its ticket
 * (kernels of a training step follow each other within microseconds, and waking a parked thread costs tens of
 * them), then parks. Nothing is allocated per call. Not thread-safe: {@link KernelThreads} lets one caller in.
 */
final class WorkerCrew {
    /** How long a worker, or the waiting caller, spins before parking. */
    private static final long SPIN_NANOS = 50_000;
    private static final int FIELD_BITS = 20;
    private static final long FIELD_MASK = (1L << FIELD_BITS) - 1;
    /** Parts per call are at most this (the claim word packs the count into {@value #FIELD_BITS} bits). */
    static final int MAX_PARTS = (int) FIELD_MASK;

    private Worker[] workers = new Worker[0];
    private KernelThreads.Part job;
    private long generation;
    /**
     * The claim word: generation (high bits), part count, next unclaimed part (low bits). A claim is a CAS on the
     * whole word, so a late worker can never take a part of a job other than the one it validated.
     */
    private final AtomicLong claims = new AtomicLong();
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile Throwable failure;
    private volatile Thread caller;
    private volatile boolean callerParked;

    /**
     * Runs parts 0..parts-1 of {@code body} on the calling thread and {@code helpers} workers; rethrows the first
     * failure after all have finished.
     */
    void run(int parts, int helpers, KernelThreads.Part body) {
        ensureWorkers(helpers);
        failure = null;
        caller = Thread.currentThread();
        job = body;
        remaining.set(parts);
        generation++;
        // Publishing the claim word (a volatile write) makes the job fields above visible to every claimer.
        claims.set((generation << 2 * FIELD_BITS) | ((long) parts << FIELD_BITS));
        for (int w = 0; w < helpers; w++) {
            Worker worker = workers[w];
            worker.ticket++;
            // Dekker with the worker's parked-then-recheck: either it sees the new ticket or we see it parked.
            if (worker.parked) {
                LockSupport.unpark(worker);
            }
        }
        Throwable mine = null;
        try {
            claimAndRun();
        } catch (RuntimeException | Error e) {
            mine = e;
        }
        awaitParts();
        job = null;
        Throwable first = mine != null ? mine : failure;
        if (first instanceof RuntimeException re) {
            throw re;
        }
        if (first instanceof Error err) {
            throw err;
        }
    }

    /**
     * Claims and runs parts until none is left. The job is read only after a successful claim: the caller cannot
     * publish the next job while a claimed part is unfinished. A failing part is recorded and counted as done.
     */
    private void claimAndRun() {
        while (true) {
            long word = claims.get();
            int parts = (int) ((word >>> FIELD_BITS) & FIELD_MASK);
            int next = (int) (word & FIELD_MASK);
            if (next >= parts) {
                return;
            }
            if (!claims.compareAndSet(word, word + 1)) {
                continue;
            }
            try {
                job.run(next, parts);
            } catch (Throwable e) {
                if (failure == null) {
                    failure = e;
                }
            } finally {
                if (remaining.decrementAndGet() == 0 && callerParked) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }

    private void awaitParts() {
        long start = System.nanoTime();
        while (remaining.get() != 0) {
            if (System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                callerParked = true;
                if (remaining.get() != 0) {
                    LockSupport.park(this);
                }
                callerParked = false;
            }
        }
    }

    private void ensureWorkers(int count) {
        if (workers.length >= count) {
            return;
        }
        Worker[] grown = java.util.Arrays.copyOf(workers, count);
        for (int w = workers.length; w < count; w++) {
            grown[w] = new Worker(w + 1);
            grown[w].start();
        }
        workers = grown;
    }

    private final class Worker extends Thread {
        volatile boolean parked;
        /** Bumped by the caller to call this worker to the current job. */
        volatile long ticket;

        Worker(int index) {
            super("nabla-kernel-" + index);
            setDaemon(true);
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                seen = awaitTicket(seen);
                claimAndRun();
            }
        }

        private long awaitTicket(long seen) {
            long start = System.nanoTime();
            long t;
            while ((t = ticket) == seen) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    if (ticket == seen) {
                        LockSupport.park(WorkerCrew.this);
                    }
                    parked = false;
                }
            }
            return t;
        }
    }
}
