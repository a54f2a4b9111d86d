package dev.nabla.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 {@code C = α·op(A)·op(B) + β·C} for products too small to repay packing: direct loops, vectorised
 * along a contiguous dimension, allocating nothing.
 */
final class SgemmSmall {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** FOLD[t] moves lane i + L/2^(t+1) onto lane i: the fixed summation tree of {@link #sumLanes}. */
    private static final VectorShuffle<Float>[] FOLD = folds();

    private SgemmSmall() {
    }

    static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        int aRow = transA ? 1 : lda;
        int aCol = transA ? lda : 1;
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * aRow;
            int ci = cOff + i * ldc;
            if (!transB) {
                // Rows of B are contiguous: accumulate a whole vector of C's row per pass over k.
                int j = 0;
                for (; j <= n - L; j += L) {
                    FloatVector acc = FloatVector.zero(S);
                    for (int p = 0, bi = bOff + j; p < k; p++, bi += ldb) {
                        acc = FloatVector.broadcast(S, a[ai + p * aCol]).fma(FloatVector.fromArray(S, b, bi), acc);
                    }
                    FloatVector out = acc.mul(alpha);
                    if (beta != 0f) {
                        out = out.add(FloatVector.fromArray(S, c, ci + j).mul(beta));
                    }
                    out.intoArray(c, ci + j);
                }
                for (; j < n; j++) {
                    float s = 0f;
                    for (int p = 0, bi = bOff + j; p < k; p++, bi += ldb) {
                        s = Math.fma(a[ai + p * aCol], b[bi], s);
                    }
                    c[ci + j] = merge(s, alpha, beta, c[ci + j]);
                }
            } else {
                for (int j = 0; j < n; j++) {
                    int bj = bOff + j * ldb;
                    float s = transA ? stridedDot(a, ai, aCol, b, bj, k) : dot(a, ai, b, bj, k);
                    c[ci + j] = merge(s, alpha, beta, c[ci + j]);
                }
            }
        }
    }

    private static float merge(float s, float alpha, float beta, float old) {
        return beta == 0f ? alpha * s : alpha * s + beta * old;
    }

    private static float dot(float[] x, int xi, float[] y, int yi, int k) {
        FloatVector acc = FloatVector.zero(S);
        int p = 0;
        for (; p <= k - L; p += L) {
            acc = FloatVector.fromArray(S, x, xi + p).fma(FloatVector.fromArray(S, y, yi + p), acc);
        }
        float s = sumLanes(acc);
        for (; p < k; p++) {
            s = Math.fma(x[xi + p], y[yi + p], s);
        }
        return s;
    }

    /**
     * Σ of the lanes in one fixed pairwise order. {@code reduceLanes(ADD)} leaves the order open, and the
     * interpreter and C2 do pick different orders, which would make results depend on JIT timing.
     */
    private static float sumLanes(FloatVector v) {
        for (VectorShuffle<Float> fold : FOLD) {
            v = v.add(v.rearrange(fold));
        }
        return v.lane(0);
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] folds() {
        int steps = Integer.numberOfTrailingZeros(L);
        VectorShuffle<Float>[] folds = new VectorShuffle[steps];
        for (int t = 0, h = L / 2; t < steps; t++, h /= 2) {
            int shift = h;
            folds[t] = VectorShuffle.fromOp(S, i -> (i + shift) % L);
        }
        return folds;
    }

    private static float stridedDot(float[] x, int xi, int xStride, float[] y, int yi, int k) {
        float s = 0f;
        for (int p = 0; p < k; p++) {
            s = Math.fma(x[xi + p * xStride], y[yi + p], s);
        }
        return s;
    }
}
