// Generated from SgemmSmall.java by Float64SourcesTest: edit that file, then run
// ./build test -Dnabla.regenerate=true
package dev.nabla.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float64 {@code C = α·op(A)·op(B) + β·C} for products too small to repay packing: direct loops, vectorised
 * along a contiguous dimension, allocating nothing.
 */
final class DgemmSmall {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** FOLD[t] moves lane i + L/2^(t+1) onto lane i: the fixed summation tree of {@link #sumLanes}. */
    private static final VectorShuffle<Double>[] FOLD = folds();

    private DgemmSmall() {
    }

    static void dgemm(boolean transA, boolean transB, int m, int n, int k,
                      double alpha, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        int aRow = transA ? 1 : lda;
        int aCol = transA ? lda : 1;
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * aRow;
            int ci = cOff + i * ldc;
            if (!transB) {
                // Rows of B are contiguous: accumulate a whole vector of C's row per pass over k.
                int j = 0;
                for (; j <= n - L; j += L) {
                    DoubleVector acc = DoubleVector.zero(S);
                    for (int p = 0, bi = bOff + j; p < k; p++, bi += ldb) {
                        acc = DoubleVector.broadcast(S, a[ai + p * aCol]).fma(DoubleVector.fromArray(S, b, bi), acc);
                    }
                    DoubleVector out = acc.mul(alpha);
                    if (beta != 0.0) {
                        out = out.add(DoubleVector.fromArray(S, c, ci + j).mul(beta));
                    }
                    out.intoArray(c, ci + j);
                }
                for (; j < n; j++) {
                    double s = 0.0;
                    for (int p = 0, bi = bOff + j; p < k; p++, bi += ldb) {
                        s = Math.fma(a[ai + p * aCol], b[bi], s);
                    }
                    c[ci + j] = merge(s, alpha, beta, c[ci + j]);
                }
            } else {
                for (int j = 0; j < n; j++) {
                    int bj = bOff + j * ldb;
                    double s = transA ? stridedDot(a, ai, aCol, b, bj, k) : dot(a, ai, b, bj, k);
                    c[ci + j] = merge(s, alpha, beta, c[ci + j]);
                }
            }
        }
    }

    private static double merge(double s, double alpha, double beta, double old) {
        return beta == 0.0 ? alpha * s : alpha * s + beta * old;
    }

    private static double dot(double[] x, int xi, double[] y, int yi, int k) {
        DoubleVector acc = DoubleVector.zero(S);
        int p = 0;
        for (; p <= k - L; p += L) {
            acc = DoubleVector.fromArray(S, x, xi + p).fma(DoubleVector.fromArray(S, y, yi + p), acc);
        }
        double s = sumLanes(acc);
        for (; p < k; p++) {
            s = Math.fma(x[xi + p], y[yi + p], s);
        }
        return s;
    }

    /**
     * Σ of the lanes in one fixed pairwise order. {@code reduceLanes(ADD)} leaves the order open, and the
     * interpreter and C2 do pick different orders, which would make results depend on JIT timing.
     */
    private static double sumLanes(DoubleVector v) {
        for (VectorShuffle<Double> fold : FOLD) {
            v = v.add(v.rearrange(fold));
        }
        return v.lane(0);
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Double>[] folds() {
        int steps = Integer.numberOfTrailingZeros(L);
        VectorShuffle<Double>[] folds = new VectorShuffle[steps];
        for (int t = 0, h = L / 2; t < steps; t++, h /= 2) {
            int shift = h;
            folds[t] = VectorShuffle.fromOp(S, i -> (i + shift) % L);
        }
        return folds;
    }

    private static double stridedDot(double[] x, int xi, int xStride, double[] y, int yi, int k) {
        double s = 0.0;
        for (int p = 0; p < k; p++) {
            s = Math.fma(x[xi + p * xStride], y[yi + p], s);
        }
        return s;
    }
}
