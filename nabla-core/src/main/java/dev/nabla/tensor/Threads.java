package dev.nabla.tensor;

import dev.nabla.tensor.kernel.KernelThreads;

/**
 * How many threads the matrix kernels use: the available processors by default, or the system property
 * {@code nabla.threads}. The kernels split C into disjoint blocks and never split a reduction, so a product's
 * bits do not depend on the count: the same seed gives the same weights.
 */
public final class Threads {
    private Threads() {
    }

    /** The number of threads large products are split across. */
    public static int count() {
        return KernelThreads.threads();
    }

    /** Sets the number of threads for large products (at least 1). */
    public static void set(int count) {
        KernelThreads.setThreads(count);
    }
}
