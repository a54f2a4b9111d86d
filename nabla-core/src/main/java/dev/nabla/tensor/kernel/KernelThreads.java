package dev.nabla.tensor.kernel;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The number of threads the kernels may use, and the persistent workers that run them. Defaults to the number
 * of available processors, overridden by the system property {@code nabla.threads} or {@link #setThreads(int)}.
 *
 * <p>Kernels split their output into disjoint parts, one per thread, and never split a reduction, so a given
 * thread count always gives bit-identical results — whichever thread runs a part.
 *
 * <p>The hand-off allocates nothing: a kernel call on the steady-state path of a training step must not pay
 * for task objects (an executor's {@code submit} cost ~160 bytes per call). One caller at a time owns the
 * {@link WorkerCrew}; a second concurrent caller, or a part that itself runs a kernel, runs its parts on its own
 * thread, one after another, with the same results.
 */
public final class KernelThreads {
    static final String PROPERTY = "nabla.threads";

    /** Body of one part of a parallel kernel; parts write disjoint outputs. */
    @FunctionalInterface
    interface Part {
        void run(int part, int parts);
    }

    private static volatile int threads = initialThreads();
    private static final AtomicBoolean BUSY = new AtomicBoolean();
    private static final WorkerCrew CREW = new WorkerCrew();

    private KernelThreads() {
    }

    /** Threads the kernels use, at least 1. */
    public static int threads() {
        return threads;
    }

    /**
     * Sets the number of threads the kernels use from now on.
     *
     * @param count at least 1
     * @throws IllegalArgumentException when count is below 1
     */
    public static synchronized void setThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("kernel thread count must be at least 1, got " + count);
        }
        threads = count;
    }

    static int initialThreads() {
        return parseThreads(System.getProperty(PROPERTY), Runtime.getRuntime().availableProcessors());
    }

    /** The property's value when it is a positive integer, else the fallback. */
    static int parseThreads(String property, int fallback) {
        if (property == null || property.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(property.trim());
            return value >= 1 ? value : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /**
     * Runs parts 0..parts-1 and returns when all are done, on the calling thread and up to threads() − 1 workers
     * (each part on whichever gets to it first) when they are free, else on the calling thread alone. More parts
     * than threads are fine: a thread that finishes early takes the next part, so a worker the operating system
     * has put aside holds back only the part it took. An exception thrown by any part is rethrown here, after every
     * part has finished (the parts write into the caller's arrays).
     */
    static void run(int parts, Part body) {
        if (parts <= 1) {
            body.run(0, 1);
            return;
        }
        if (parts > WorkerCrew.MAX_PARTS || !BUSY.compareAndSet(false, true)) {
            runSerially(parts, body);
            return;
        }
        try {
            CREW.run(parts, Math.min(parts, threads) - 1, body);
        } finally {
            BUSY.set(false);
        }
    }

    private static void runSerially(int parts, Part body) {
        RuntimeException failure = null;
        for (int p = 0; p < parts; p++) {
            try {
                body.run(p, parts);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
