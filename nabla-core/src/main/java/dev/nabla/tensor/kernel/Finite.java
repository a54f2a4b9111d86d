package dev.nabla.tensor.kernel;

/**
 * Whether every element is finite, in one pass: x·0 is 0 for a finite x and NaN for ±∞ or NaN, and NaN stays in a sum
 * (IEEE arithmetic, the same answer interpreted or compiled); on the Vector API when it is enabled.
 */
public final class Finite {
    private Finite() {
    }

    public static boolean all(float[] a, int n) {
        int i = Vectorization.enabled() ? VectorFinite.prefix(a, n) : 0;
        if (i < 0) {
            return false;
        }
        float tail = 0f;
        for (; i < n; i++) {
            tail += a[i] * 0f;
        }
        return tail == 0f;
    }

    public static boolean all(double[] a, int n) {
        int i = Vectorization.enabled() ? VectorFinite.prefix(a, n) : 0;
        if (i < 0) {
            return false;
        }
        double tail = 0d;
        for (; i < n; i++) {
            tail += a[i] * 0d;
        }
        return tail == 0d;
    }
}
