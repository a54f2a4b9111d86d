package dev.nabla.tensor;

import dev.nabla.tensor.kernel.Vectorization;

/**
 * Whether the Java Vector API is in use — its module in the boot layer, not turned off by {@code -Dnabla.vector=false},
 * a CPU with vectors wide enough — as the kernels decided once at start-up. Code outside the kernels with a vector path
 * of its own asks here, and loads no class that names a Vector API type unless the answer is true.
 */
public final class Simd {
    private Simd() {
    }

    public static boolean enabled() {
        return Vectorization.enabled();
    }
}
