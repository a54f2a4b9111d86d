package dev.nabla.tensor.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Persistent daemon threads that run parts 1..n−1 of one parallel kernel while the caller runs part 0. A call
 * publishes the job and bumps the ticket of each worker it needs (only those: a worker left out must not
 * read the next job half-published); each worker spins briefly on its ticket (kernels of a
 * training step follow each other within microseconds, and waking a parked thread costs tens of them), then
 * parks. The caller waits for the last part the same way. Nothing is allocated per call.
 *
 * <p>Not thread-safe: {@link KernelThreads} lets one caller at a time in.
 */
final class WorkerCrew {
    /** How long a worker, or the waiting caller, spins before parking. */
    private static final long SPIN_NANOS = 100_000;

    private Worker[] workers = new Worker[0];
    private volatile KernelThreads.Part job;
    private volatile int jobParts;
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile Throwable failure;
    private volatile Thread caller;
    private volatile boolean callerParked;

    /** Runs parts 0..parts-1 of {@code body}, part 0 here; rethrows the first failure after all have finished. */
    void run(int parts, KernelThreads.Part body) {
        ensureWorkers(parts - 1);
        failure = null;
        caller = Thread.currentThread();
        job = body;
        jobParts = parts;
        remaining.set(parts - 1);
        for (int w = 0; w < parts - 1; w++) {
            Worker worker = workers[w];
            worker.ticket++;
            // Dekker with the worker's parked-then-recheck: either it sees the new ticket or we see it parked.
            if (worker.parked) {
                LockSupport.unpark(worker);
            }
        }
        Throwable mine = null;
        try {
            body.run(0, parts);
        } catch (RuntimeException | Error e) {
            mine = e;
        }
        awaitWorkers();
        job = null;
        Throwable first = mine != null ? mine : failure;
        if (first instanceof RuntimeException re) {
            throw re;
        }
        if (first instanceof Error err) {
            throw err;
        }
    }

    private void awaitWorkers() {
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

    private void partDone() {
        if (remaining.decrementAndGet() == 0 && callerParked) {
            LockSupport.unpark(caller);
        }
    }

    private final class Worker extends Thread {
        private final int part;
        volatile boolean parked;
        /** Bumped by the caller, only while this worker is idle, to hand it part {@link #part} of the job. */
        volatile long ticket;

        Worker(int part) {
            super("nabla-kernel-" + part);
            this.part = part;
            setDaemon(true);
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                seen = awaitTicket(seen);
                try {
                    job.run(part, jobParts);
                } catch (Throwable e) {
                    if (failure == null) {
                        failure = e;
                    }
                }
                partDone();
            }
        }

        private long awaitTicket(long seen) {
            long start = System.nanoTime();
            long g;
            while ((g = ticket) == seen) {
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
            return g;
        }
    }
}
