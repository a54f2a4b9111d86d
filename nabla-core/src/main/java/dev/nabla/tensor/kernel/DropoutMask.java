package dev.nabla.tensor.kernel;

/**
 * Dropout masks from a counter-based generator: element i of the mask for (seed, step) depends on those three
 * numbers only — not on the thread count, the batch's split or any earlier draw — so a run is reproducible and can
 * resume at any step. With b = the low 32 bits of SplitMix64's mix(seed + mix(step + 1)), element i draws
 * u_i = fmix32(b + i·0x9E3779B9) (MurmurHash3's finaliser, a bijection of 32-bit integers, so the n ≤ 2³² draws of a
 * mask are distinct) and is kept when u_i ≥ ⌊p·2³²⌋ as unsigned integers: with probability 1 − p, up to 2⁻³².
 * Integer arithmetic is exact, so the Vector API path ({@link VectorDropoutMask}) gives the same masks.
 */
public final class DropoutMask {
    static final int GOLDEN = 0x9E3779B9;

    private DropoutMask() {
    }

    /** m_i = keep_i ? scale : 0 for i &lt; n, keep_i drawn as the class comment says. */
    public static void fill(long seed, long step, double rate, float scale, float[] m, int n) {
        fill(seed, step, rate, scale, m, 0, n, 0);
    }

    /**
     * m[at + i] = keep_{first + i} ? scale : 0 for i &lt; n: elements first… of the mask, e.g. one row of a larger
     * batch's mask (a data-parallel replica's share of it).
     */
    public static void fill(long seed, long step, double rate, float scale, float[] m, int at, int n, int first) {
        int base = base(seed, step);
        int threshold = threshold(rate);
        int i = 0;
        if (Vectorization.enabled()) {
            i = VectorDropoutMask.fill(base, threshold, scale, m, at, n, first);
        }
        for (; i < n; i++) {
            m[at + i] = Integer.compareUnsigned(draw(base, first + i), threshold) >= 0 ? scale : 0f;
        }
    }

    /** The float64 twin of {@link #fill(long, long, double, float, float[], int, int, int)}: the same elements are kept. */
    public static void fill(long seed, long step, double rate, double scale, double[] m, int at, int n, int first) {
        int base = base(seed, step);
        int threshold = threshold(rate);
        for (int i = 0; i < n; i++) {
            m[at + i] = Integer.compareUnsigned(draw(base, first + i), threshold) >= 0 ? scale : 0.0;
        }
    }

    /** u_i = fmix32(b + i·0x9E3779B9). */
    static int draw(int base, int i) {
        int h = base + i * GOLDEN;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }

    /** ⌊p·2³²⌋ as an unsigned 32-bit integer. */
    private static int threshold(double rate) {
        return (int) (long) (rate * 0x1p32);
    }

    private static int base(long seed, long step) {
        return (int) mix(seed + mix(step + 1));
    }

    /** SplitMix64's output function (Stafford's variant 13). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
