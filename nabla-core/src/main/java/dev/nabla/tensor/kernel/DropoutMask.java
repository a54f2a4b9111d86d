package dev.nabla.tensor.kernel;

/**
 * Dropout masks from a counter-based generator: element i of the mask for (seed, step) depends on those three
 * numbers only — not on the thread count, the batch's split or any earlier draw — so a run is reproducible and can
 * resume at any step. The stream for (seed, step) is SplitMix64 (Steele, Lea and Flood 2014) started at
 * mix(seed + mix(step + 1)); each 64-bit output serves two elements, 32 bits each, and element i is kept when its
 * 32 bits u satisfy u ≥ ⌊p·2³²⌋, i.e. with probability 1 − p (up to 2⁻³²).
 */
public final class DropoutMask {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private DropoutMask() {
    }

    /** m_i = keep_i ? scale : 0 for i &lt; n, keep_i drawn as the class comment says. */
    public static void fill(long seed, long step, double rate, float scale, float[] m, int n) {
        long threshold = threshold(rate);
        long state = start(seed, step);
        for (int i = 0; i < n; i += 2) {
            state += GOLDEN;
            long bits = mix(state);
            m[i] = (bits >>> 32) >= threshold ? scale : 0f;
            if (i + 1 < n) {
                m[i + 1] = (bits & 0xFFFFFFFFL) >= threshold ? scale : 0f;
            }
        }
    }

    /** The float64 twin of {@link #fill(long, long, double, float, float[], int)}: the same elements are kept. */
    public static void fill(long seed, long step, double rate, double scale, double[] m, int n) {
        long threshold = threshold(rate);
        long state = start(seed, step);
        for (int i = 0; i < n; i += 2) {
            state += GOLDEN;
            long bits = mix(state);
            m[i] = (bits >>> 32) >= threshold ? scale : 0.0;
            if (i + 1 < n) {
                m[i + 1] = (bits & 0xFFFFFFFFL) >= threshold ? scale : 0.0;
            }
        }
    }

    private static long threshold(double rate) {
        return (long) (rate * 0x1p32);
    }

    private static long start(long seed, long step) {
        return mix(seed + mix(step + 1));
    }

    /** SplitMix64's output function (Stafford's variant 13). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
