package dev.nabla.tensor.kernel;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The number of threads the kernels may use, and the daemon pool that runs them. Defaults to the number of
 * available processors, overridden by the system property {@code nabla.threads} or {@link #setThreads(int)}.
 *
 * <p>Kernels split their output into disjoint parts, one per thread, and never split a reduction, so a given
 * thread count always gives bit-identical results.
 */
public final class KernelThreads {
    static final String PROPERTY = "nabla.threads";

    /** Body of one part of a parallel kernel; parts write disjoint outputs. */
    @FunctionalInterface
    interface Part {
        void run(int part, int parts);
    }

    private static final AtomicInteger THREAD_ID = new AtomicInteger();
    private static volatile int threads = initialThreads();
    private static ThreadPoolExecutor pool;

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
     * Runs parts 0..parts-1 and returns when all are done: part 0 on the calling thread, the others on the pool.
     * An exception thrown by any part is rethrown here.
     */
    static void run(int parts, Part body) {
        if (parts <= 1) {
            body.run(0, 1);
            return;
        }
        ExecutorService executor = pool(parts - 1);
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int part = p;
            futures[p - 1] = executor.submit(() -> body.run(part, parts));
        }
        Throwable failure = null;
        try {
            body.run(0, parts);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (Future<?> future : futures) {
            try {
                awaitUninterruptibly(future);
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                }
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException("kernel part failed", failure);
        }
    }

    private static void awaitUninterruptibly(Future<?> future) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    future.get();
                    return;
                } catch (InterruptedException e) {
                    // The parts write into the caller's arrays: returning before they finish would race with it.
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A pool with at least {@code workers} threads. A pool that is outgrown is never shut down — a caller may
     * still be submitting to it — its idle threads time out instead.
     */
    private static synchronized ExecutorService pool(int workers) {
        if (pool == null || pool.getMaximumPoolSize() < workers) {
            ThreadPoolExecutor grown = new ThreadPoolExecutor(workers, workers, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "nabla-kernel-" + THREAD_ID.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            grown.allowCoreThreadTimeOut(true);
            pool = grown;
        }
        return pool;
    }
}
